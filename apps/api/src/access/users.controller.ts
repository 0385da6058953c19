import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateUserDto, CurrentUser, ImportSubscribersDto, Permission, Requires, UpdateUserDto, UserListQuery, UsersService } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { UuidParam } from '../common/uuid-param';
import { Answers, Refuses, pageOf } from '../openapi/answers';

@ApiTags('users')
@ApiBearerAuth()
@Requires(Permission.UsersManage)
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Answers(201, 'UserView')
  @Refuses({ 403: true, 409: 'An account with that email exists' })
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
  @Answers(200, 'SubscriberImportResult')
  @Refuses({ 403: true })
  importSubscribers(@CurrentUser() me: Principal, @Body() dto: ImportSubscribersDto) {
    return this.users.importSubscribers(me, dto.csv, dto.dryRun ?? false);
  }

  @Get()
  @Answers(200, pageOf('UserView'))
  @Refuses({ 403: true })
  list(@Query() query: UserListQuery) {
    return this.users.list(query);
  }

  @Patch(':id')
  @Answers(200, 'UserView')
  @Refuses({ 403: true, 404: 'No such account', 409: 'You cannot deactivate yourself or remove your own admin role' })
  update(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(me, id, dto);
  }
}
