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

@ApiTags('initiatives')
@ApiBearerAuth()
@Controller('api/v1/initiatives')
export class InitiativesController {
  constructor(private readonly initiatives: InitiativesService) {}

  @Post()
  @Requires(Permission.InitiativesCreate)
  create(@CurrentUser() me: Principal, @Body() dto: CreateInitiativeDto) {
    return this.initiatives.create(me, dto);
  }

  @Get()
  @Requires(Permission.InitiativesList)
  list(@CurrentUser() me: Principal, @Query() query: InitiativeListQuery) {
    return this.initiatives.list(me, query);
  }

  @Get(':id')
  get(@CurrentUser() me: Principal, @UuidParam('id') id: string) {
    return this.initiatives.get(me, id);
  }

  @Patch(':id')
  update(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: UpdateInitiativeDto) {
    return this.initiatives.update(me, id, dto);
  }

  @Put(':id/members/:userId')
  setMember(@CurrentUser() me: Principal, @UuidParam('id') id: string, @UuidParam('userId') userId: string, @Body() dto: SetMemberDto) {
    return this.initiatives.setMember(me, id, userId, dto);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  async removeMember(@CurrentUser() me: Principal, @UuidParam('id') id: string, @UuidParam('userId') userId: string) {
    await this.initiatives.removeMember(me, id, userId);
  }
}
