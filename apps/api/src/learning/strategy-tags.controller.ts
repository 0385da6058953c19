import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Permission, Requires } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { CreateStrategyTagDto, CycleTagsDto, StrategyTagListQuery, StrategyTagsService, UpdateStrategyTagDto } from '@r2c/learning';
import { UuidParam } from '../common/uuid-param';
import { Answers, Refuses, listOf } from '../openapi/answers';

@ApiTags('learning')
@ApiBearerAuth()
@Controller('api/v1/strategy-tags')
export class StrategyTagsController {
  constructor(private readonly tags: StrategyTagsService) {}

  @Get()
  @Requires(Permission.EvidenceBaseRead)
  @ApiOperation({ summary: 'The curated strategy tags, by name (retired ones only with includeRetired=true)' })
  @Answers(200, listOf('StrategyTagView'))
  @Refuses({ 403: true })
  list(@Query() query: StrategyTagListQuery) {
    return this.tags.list(query.includeRetired ?? false);
  }

  @Post()
  @Requires(Permission.StrategyTagsManage)
  @ApiOperation({ summary: 'Add a strategy tag (admins)' })
  @Answers(201, 'StrategyTagView', 'The new tag')
  @Refuses({ 403: 'The caller is not an admin', 409: 'A tag of that name (whatever its case) exists' })
  create(@CurrentUser() me: Principal, @Body() dto: CreateStrategyTagDto) {
    return this.tags.create(me, dto.name);
  }

  @Patch(':id')
  @Requires(Permission.StrategyTagsManage)
  @ApiOperation({ summary: 'Rename a strategy tag, or retire it (admins); cycles keep a retired tag' })
  @Answers(200, 'StrategyTagView', 'The tag as changed')
  @Refuses({ 403: 'The caller is not an admin', 404: 'No such tag', 409: 'A tag of that name (whatever its case) exists' })
  update(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: UpdateStrategyTagDto) {
    return this.tags.update(me, id, dto);
  }
}

@ApiTags('learning')
@ApiBearerAuth()
@Controller('api/v1/cycles/:id/tags')
export class CycleTagsController {
  constructor(private readonly tags: StrategyTagsService) {}

  @Get()
  @ApiOperation({ summary: "The strategy tags of a cycle's hypothesis" })
  @Answers(200, listOf('StrategyTagView'), "The cycle's tags, by name")
  @Refuses({ 404: 'No such cycle, or one the caller may not see' })
  list(@CurrentUser() me: Principal, @UuidParam('id') id: string) {
    return this.tags.ofCycle(me, id);
  }

  @Put()
  @ApiOperation({ summary: "Set the strategy tags of a cycle's hypothesis (its librarians and admins, in any phase; audited)" })
  @Answers(200, listOf('StrategyTagView'), "The cycle's tags as saved, by name")
  @Refuses({
    403: "The caller is one of the initiative's coaches (only librarians and admins tag)",
    404: 'No such cycle or tag, or a cycle the caller may not see',
  })
  set(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: CycleTagsDto) {
    return this.tags.tagCycle(me, id, dto.tagIds);
  }
}
