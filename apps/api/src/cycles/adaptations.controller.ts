import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import { AdaptationLogService, LogAdaptationDto } from '@r2c/cycles';
import { UuidParam } from '../common/uuid-param';
import { Answers, AnswersNothing, Refuses, pageOf } from '../openapi/answers';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('api/v1/cycles/:id/adaptations')
export class AdaptationsController {
  constructor(private readonly log: AdaptationLogService) {}

  @Post()
  @ApiOperation({
    summary:
      'Log a dated change to the programme (FRAME): what changed, who decided, planned or reactive, why, fidelity, temporary or permanent; 409 once the cycle is closed',
  })
  @Answers(201, 'AdaptationLogEntryView')
  @Refuses({ 403: true, 404: true, 409: true })
  add(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: LogAdaptationDto) {
    return this.log.add(me, id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'The cycle’s adaptation log, oldest first' })
  @Answers(200, pageOf('AdaptationLogEntryView'))
  @Refuses({ 404: true })
  list(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.log.list(me, id, page);
  }

  @Delete(':adaptationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an entry while the cycle is open' })
  @AnswersNothing('The entry is withdrawn (audited)')
  @Refuses({ 403: true, 404: true, 409: true })
  async remove(@CurrentUser() me: Principal, @UuidParam('id') id: string, @UuidParam('adaptationId') adaptationId: string) {
    await this.log.remove(me, id, adaptationId);
  }
}
