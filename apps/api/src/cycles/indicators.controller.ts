import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import { CreateIndicatorDto, IndicatorsService } from '@r2c/cycles';
import { UuidParam } from '../common/uuid-param';
import { Answers, Refuses, pageOf } from '../openapi/answers';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('api/v1')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get('indicator-templates')
  @Answers(200, 'IndicatorTemplatePage', 'The shipped catalogue of trust-building indicators')
  templates() {
    const items = this.indicators.templates();
    return { items, total: items.length };
  }

  @Post('initiatives/:id/indicators')
  @Answers(201, 'IndicatorView')
  @Refuses({ 403: true, 404: true, 409: 'The initiative already has an indicator of that name' })
  create(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: CreateIndicatorDto) {
    return this.indicators.create(me, id, dto);
  }

  @Get('initiatives/:id/indicators')
  @Answers(200, pageOf('IndicatorView'))
  @Refuses({ 404: true })
  list(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.indicators.list(me, id, page);
  }
}
