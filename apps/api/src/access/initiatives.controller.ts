import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreateInitiativeDto,
  CurrentUser,
  InitiativeListQuery,
  InitiativesService,
  Permission,
  Requires,
  SetMemberDto,
  UpdateInitiativeDto,
} from '@r2c/access';
import type { Principal } from '@r2c/access';
import { UuidParam } from '../common/uuid-param';
import { definedFields } from '../common/defined-fields';
import { Answers, AnswersNothing, Refuses, pageOf } from '../openapi/answers';

@ApiTags('initiatives')
@ApiBearerAuth()
@Controller('api/v1/initiatives')
export class InitiativesController {
  constructor(private readonly initiatives: InitiativesService) {}

  @Post()
  @Requires(Permission.InitiativesCreate)
  @Answers(201, 'InitiativeView')
  @Refuses({ 403: true })
  create(@CurrentUser() me: Principal, @Body() dto: CreateInitiativeDto) {
    return this.initiatives.create(me, dto);
  }

  @Get()
  @Requires(Permission.InitiativesList)
  @Answers(200, pageOf('InitiativeView'))
  @Refuses({ 403: true })
  list(@CurrentUser() me: Principal, @Query() query: InitiativeListQuery) {
    return this.initiatives.list(me, query);
  }

  @Get(':id')
  @Answers(200, 'InitiativeWithMembers')
  @Refuses({ 404: true })
  get(@CurrentUser() me: Principal, @UuidParam('id') id: string) {
    return this.initiatives.get(me, id);
  }

  @Patch(':id')
  @Answers(200, 'InitiativeView')
  @Refuses({ 403: true, 404: true })
  update(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: UpdateInitiativeDto) {
    return this.initiatives.update(me, id, definedFields(dto));
  }

  @Put(':id/members/:userId')
  @Answers(200, 'MemberView')
  @Refuses({ 403: true, 404: 'No such initiative or account', 409: 'The account cannot hold that membership' })
  setMember(@CurrentUser() me: Principal, @UuidParam('id') id: string, @UuidParam('userId') userId: string, @Body() dto: SetMemberDto) {
    return this.initiatives.setMember(me, id, userId, dto);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @AnswersNothing('The membership is gone (audited)')
  @Refuses({ 403: true, 404: true })
  async removeMember(@CurrentUser() me: Principal, @UuidParam('id') id: string, @UuidParam('userId') userId: string) {
    await this.initiatives.removeMember(me, id, userId);
  }
}
