import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateUserDto, CurrentUser, ImportSubscribersDto, Permission, Requires, UpdateUserDto, UserListQuery, UsersService } from '@r2c/access';
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

  @Post('import')
  @HttpCode(200)
  @Requires(Permission.UsersImport)
  @ApiOperation({
    summary: 'Add subscribers from a CSV list (email,name), all or nothing',
    description:
      'Answers {created, existing, invalid: []}. Any bad line refuses the whole list: 400 with each line (numbered as a spreadsheet shows it) and its problem in details, and nothing is created. Emails that already have an account are counted as existing and not changed. New accounts are subscribers without a password. dryRun: true answers the same and stores nothing.',
  })
  importSubscribers(@CurrentUser() me: Principal, @Body() dto: ImportSubscribersDto) {
    return this.users.importSubscribers(me, dto.csv, dto.dryRun ?? false);
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
