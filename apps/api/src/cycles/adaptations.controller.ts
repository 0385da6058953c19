import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import { AdaptationLogService, LogAdaptationDto } from '@r2c/cycles';
import { UuidParam } from '../common/uuid-param';

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
  add(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: LogAdaptationDto) {
    return this.log.add(me, id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'The cycle’s adaptation log, oldest first' })
  list(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.log.list(me, id, page);
  }

  @Delete(':adaptationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an entry while the cycle is open' })
  async remove(@CurrentUser() me: Principal, @UuidParam('id') id: string, @UuidParam('adaptationId') adaptationId: string) {
    await this.log.remove(me, id, adaptationId);
  }
}
