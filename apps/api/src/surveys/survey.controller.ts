import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CurrentUser } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import {
  CommitSurveyImportDto,
  CreateSurveyItemDto,
  PreviewSurveyImportDto,
  SurveyImportService,
  SurveyInstrumentService,
  SurveyOutcomesService,
  UpdateSurveyDto,
  UpdateSurveyItemDto,
} from '@r2c/surveys';
import { UuidParam } from '../common/uuid-param';
import { Answers, AnswersNothing, Refuses, pageOf } from '../openapi/answers';

class OutcomesQuery {
  @ApiPropertyOptional({ description: 'the cycle to show as "after" (by default the latest cycle with survey data)' })
  @IsOptional()
  @IsUUID('all', { message: 'cycleId must be a cycle id (a UUID)' })
  cycleId?: string;
}

@ApiTags('survey')
@ApiBearerAuth()
@Controller('api/v1')
export class SurveyController {
  constructor(
    private readonly instruments: SurveyInstrumentService,
    private readonly imports: SurveyImportService,
    private readonly outcomes: SurveyOutcomesService,
  ) {}

  @Get('survey-starter-items')
  @ApiOperation({
    summary:
      'The starter trust survey that ships with the product: statements on trust in the library, belonging, feeling heard, bridging across differences, social connection',
  })
  @Answers(200, 'StarterItemPage')
  starter() {
    const items = this.instruments.starterItems();
    return { items, total: items.length };
  }

  @Get('initiatives/:id/survey')
  @ApiOperation({ summary: "The initiative's survey instrument: title, the 1–5 scale's labels and its items (members, admins)" })
  @Answers(200, 'SurveyView')
  @Refuses({ 404: true })
  view(@CurrentUser() me: Principal, @UuidParam('id') id: string) {
    return this.instruments.view(me, id);
  }

  @Put('initiatives/:id/survey')
  @ApiOperation({ summary: 'Changes the survey title or scale labels (librarians, admins)' })
  @Answers(200, 'SurveyView')
  @Refuses({ 403: true, 404: true, 409: 'The initiative is completed' })
  update(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: UpdateSurveyDto) {
    return this.instruments.update(me, id, dto);
  }

  @Post('initiatives/:id/survey/starter')
  @ApiOperation({ summary: 'Adds the starter items the survey lacks, adopting or creating their 1–5 indicators (librarians, admins)' })
  @Answers(201, 'SurveyView')
  @Refuses({ 403: true, 404: true, 409: 'The initiative is completed' })
  adoptStarter(@CurrentUser() me: Principal, @UuidParam('id') id: string) {
    return this.instruments.adoptStarter(me, id);
  }

  @Post('initiatives/:id/survey/items')
  @ApiOperation({ summary: 'Adds an item: a statement rated 1–5, tied to an outcome and a scale_1_5 indicator (librarians, admins)' })
  @Answers(201, 'SurveyItemView')
  @Refuses({ 403: true, 404: true, 409: true })
  addItem(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: CreateSurveyItemDto) {
    return this.instruments.addItem(me, id, dto);
  }

  @Patch('initiatives/:id/survey/items/:itemId')
  @Answers(200, 'SurveyItemView')
  @Refuses({ 403: true, 404: true, 409: true })
  updateItem(@CurrentUser() me: Principal, @UuidParam('id') id: string, @UuidParam('itemId') itemId: string, @Body() dto: UpdateSurveyItemDto) {
    return this.instruments.updateItem(me, id, itemId, dto);
  }

  @Delete('initiatives/:id/survey/items/:itemId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes an item that has no imported answers (409 when it has)' })
  @AnswersNothing('The item is removed')
  @Refuses({ 403: true, 404: true, 409: 'The item has imported answers' })
  async removeItem(@CurrentUser() me: Principal, @UuidParam('id') id: string, @UuidParam('itemId') itemId: string) {
    await this.instruments.removeItem(me, id, itemId);
  }

  @Post('initiatives/:id/survey/imports/preview')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Reads a Forms CSV (JSON body {csv, mapping?}) without storing anything: columns matched to items by wording (or mapped as sent), columns flagged as names, emails or phone numbers, bad rows with their line',
  })
  @Answers(200, 'SurveyImportPreview')
  @Refuses({ 403: true, 404: true, 409: true })
  preview(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: PreviewSurveyImportDto) {
    return this.imports.preview(me, id, dto);
  }

  @Post('initiatives/:id/survey/imports')
  @ApiOperation({
    summary:
      'Imports the responses all or nothing into an open cycle: one measurement per mapped item (mean, response count as sample size, method survey); any bad row is 400 listing every one, and nothing is stored',
  })
  @Answers(201, 'SurveyImportResult')
  @Refuses({ 403: true, 404: true, 409: true })
  commit(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: CommitSurveyImportDto) {
    return this.imports.commit(me, id, dto);
  }

  @Get('initiatives/:id/survey/imports/target')
  @ApiOperation({
    summary:
      'Where an import would land now, before any file is chosen: the open cycle, its phase and change date, and whether answers before the change, after it, or a file split at it can be imported (with the reason when not)',
  })
  @Answers(200, 'SurveyImportTarget', 'Where an import would land; cycleId null when no cycle is open')
  @Refuses({ 404: true })
  target(@CurrentUser() me: Principal, @UuidParam('id') id: string) {
    return this.imports.target(me, id);
  }

  @Delete('initiatives/:id/survey/imports/:importId')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Undoes a whole import: its answers and the evidence entries it recorded, audited; 409 once its cycle is closed (or while it is in review), 404 for an import of another initiative',
  })
  @AnswersNothing('The import, its answers and its evidence entries are gone (audited)')
  @Refuses({
    403: true,
    404: 'No such import in this initiative',
    409: 'The cycle is closed or in review, or (for answers after the change) back before its evidence phase: the reason in words',
  })
  async undoImport(@CurrentUser() me: Principal, @UuidParam('id') id: string, @UuidParam('importId') importId: string) {
    await this.imports.undo(me, id, importId);
  }

  @Get('initiatives/:id/survey/imports')
  @Answers(200, pageOf('SurveyImportListItem'))
  @Refuses({ 404: true })
  list(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.imports.list(me, id, page);
  }

  @Get('initiatives/:id/survey/outcomes')
  @ApiOperation({ summary: 'Before and after per outcome: the weighted mean of its indicators per cycle, with n and the count per scale point' })
  @Answers(200, 'SurveyOutcomes')
  @Refuses({ 404: true })
  outcomesOf(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Query() query: OutcomesQuery) {
    return this.outcomes.forInitiative(me, id, query.cycleId);
  }
}
