import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTokenHolder, CurrentUser, ReadsAccountItself } from '@r2c/access';
import type { Principal, TokenHolder } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import {
  AdaptationDto,
  CreateCycleDto,
  CreateEvidenceDto,
  CyclesService,
  EvidenceService,
  HypothesisDto,
  ReflectionDto,
  ReviewDto,
  TransitionDto,
  UpdateEvidenceDto,
} from '@r2c/cycles';
import { UuidParam } from '../common/uuid-param';
import { Answers, AnswersNothing, Refuses, pageOf } from '../openapi/answers';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('api/v1')
export class CyclesController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly evidence: EvidenceService,
  ) {}

  @Post('initiatives/:id/cycles')
  @ApiOperation({ summary: 'Start the next cycle (201 with number and phase "hypothesis"); 409 while another cycle is open' })
  @Answers(201, 'CycleView')
  @Refuses({ 403: true, 404: true, 409: 'Another cycle is open' })
  create(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: CreateCycleDto) {
    return this.cycles.create(me, id, dto);
  }

  @Get('initiatives/:id/cycles')
  @Answers(200, pageOf('CycleListItem'))
  @Refuses({ 404: true })
  list(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.cycles.list(me, id, page);
  }

  @Get('cycles/:id')
  @ApiOperation({ summary: 'The whole cycle: phase, hypothesis, adaptation, evidence, reflection, reviews' })
  @Answers(200, 'CycleView')
  @Refuses({ 404: true })
  get(@CurrentUser() me: Principal, @UuidParam('id') id: string) {
    return this.cycles.get(me, id);
  }

  @Put('cycles/:id/hypothesis')
  @Answers(200, 'CycleView')
  @Refuses({ 403: true, 404: true, 409: 'The section cannot be edited in this phase' })
  hypothesis(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: HypothesisDto) {
    return this.cycles.saveSection(me, id, 'hypothesis', dto);
  }

  @Put('cycles/:id/adaptation')
  @Answers(200, 'CycleView')
  @Refuses({ 403: true, 404: true, 409: 'The section cannot be edited in this phase' })
  adaptation(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: AdaptationDto) {
    return this.cycles.saveSection(me, id, 'adaptation', dto);
  }

  @Put('cycles/:id/reflection')
  @Answers(200, 'CycleView')
  @Refuses({ 403: true, 404: true, 409: 'The section cannot be edited in this phase' })
  reflection(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: ReflectionDto) {
    return this.cycles.saveSection(me, id, 'reflection', dto);
  }

  @Post('cycles/:id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the cycle to another phase; 409 naming what is missing' })
  @Answers(200, 'CycleView')
  @Refuses({ 403: true, 404: true, 409: 'The move is refused: `details` names what is missing' })
  transition(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: TransitionDto) {
    return this.cycles.transition(me, id, dto.to);
  }

  @Post('cycles/:id/reviews')
  @ApiOperation({ summary: 'approve (closes a cycle in review), request_changes (back to returnTo, default reflection) or comment' })
  @Answers(201, 'CycleView')
  @Refuses({ 403: true, 404: true, 409: true })
  review(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: ReviewDto) {
    return this.cycles.review(me, id, dto);
  }

  @Post('cycles/:id/evidence')
  @ReadsAccountItself()
  @Answers(201, 'EvidenceView')
  @Refuses({ 403: true, 404: true, 409: true })
  addEvidence(@CurrentTokenHolder() me: TokenHolder, @UuidParam('id') id: string, @Body() dto: CreateEvidenceDto) {
    return this.evidence.addFor(me, id, dto);
  }

  @Get('cycles/:id/evidence')
  @Answers(200, pageOf('EvidenceView'))
  @Refuses({ 404: true })
  listEvidence(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.evidence.list(me, id, page);
  }

  @Delete('cycles/:id/evidence/:evidenceId')
  @HttpCode(204)
  @AnswersNothing('The entry is removed (it can be restored while the phase is editable)')
  @Refuses({ 403: true, 404: true, 409: true })
  async deleteEvidence(@CurrentUser() me: Principal, @UuidParam('id') id: string, @UuidParam('evidenceId') evidenceId: string) {
    await this.evidence.remove(me, id, evidenceId);
  }

  @Patch('cycles/:id/evidence/:evidenceId')
  @ApiOperation({ summary: 'Edit an evidence entry while its phase is editable, under the same rules as adding one' })
  @Answers(200, 'EvidenceView')
  @Refuses({ 403: true, 404: true, 409: true })
  updateEvidence(@CurrentUser() me: Principal, @UuidParam('id') id: string, @UuidParam('evidenceId') evidenceId: string, @Body() dto: UpdateEvidenceDto) {
    return this.evidence.update(me, id, evidenceId, dto);
  }

  @Post('cycles/:id/evidence/:evidenceId/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Undo the removal of an evidence entry while its phase is editable' })
  @Answers(200, 'EvidenceView')
  @Refuses({ 403: true, 404: true, 409: true })
  restoreEvidence(@CurrentUser() me: Principal, @UuidParam('id') id: string, @UuidParam('evidenceId') evidenceId: string) {
    return this.evidence.restore(me, id, evidenceId);
  }
}
