import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import { CreateIndicatorDto, IndicatorsService, IndicatorTemplateView } from '@r2c/cycles';
import { UuidParam } from '../common/uuid-param';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('api/v1')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get('indicator-templates')
  @ApiOkResponse({ type: [IndicatorTemplateView], description: 'the shipped catalogue of trust-building indicators' })
  templates() {
    const items = this.indicators.templates();
    return { items, total: items.length };
  }

  @Post('initiatives/:id/indicators')
  create(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: CreateIndicatorDto) {
    return this.indicators.create(me, id, dto);
  }

  @Get('initiatives/:id/indicators')
  list(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.indicators.list(me, id, page);
  }
}
