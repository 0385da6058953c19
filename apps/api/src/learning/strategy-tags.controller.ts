import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Permission, Requires } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { CreateStrategyTagDto, CycleTagsDto, StrategyTagListQuery, StrategyTagsService, UpdateStrategyTagDto } from '@r2c/learning';
import { UuidParam } from '../common/uuid-param';

@ApiTags('learning')
@ApiBearerAuth()
@Controller('api/v1/strategy-tags')
export class StrategyTagsController {
  constructor(private readonly tags: StrategyTagsService) {}

  @Get()
  @Requires(Permission.EvidenceBaseRead)
  @ApiOperation({ summary: 'The curated strategy tags, by name (retired ones only with includeRetired=true)' })
  list(@Query() query: StrategyTagListQuery) {
    return this.tags.list(query.includeRetired ?? false);
  }

  @Post()
  @Requires(Permission.StrategyTagsManage)
  @ApiOperation({ summary: 'Add a strategy tag (admins)' })
  create(@CurrentUser() me: Principal, @Body() dto: CreateStrategyTagDto) {
    return this.tags.create(me, dto.name);
  }

  @Patch(':id')
  @Requires(Permission.StrategyTagsManage)
  @ApiOperation({ summary: 'Rename a strategy tag, or retire it (admins); cycles keep a retired tag' })
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
  list(@CurrentUser() me: Principal, @UuidParam('id') id: string) {
    return this.tags.ofCycle(me, id);
  }

  @Put()
  @ApiOperation({ summary: "Set the strategy tags of a cycle's hypothesis (its librarians and admins, in any phase; audited)" })
  set(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: CycleTagsDto) {
    return this.tags.tagCycle(me, id, dto.tagIds);
  }
}
