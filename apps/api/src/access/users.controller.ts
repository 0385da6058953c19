import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateUserDto, CurrentUser, Permission, Requires, UpdateUserDto, UserListQuery, UsersService } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { UuidParam } from '../common/uuid-param';

@ApiTags('users')
@ApiBearerAuth()
@Requires(Permission.UsersManage)
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@CurrentUser() me: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(me, dto);
  }

  @Get()
  list(@Query() query: UserListQuery) {
    return this.users.list(query);
  }

  @Patch(':id')
  update(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(me, id, dto);
  }
}
