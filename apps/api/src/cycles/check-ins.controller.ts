import { Body, Controller, Get, Header, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { asAttachment } from '../http/negotiation';
import { CurrentUser } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import { CheckInsService, CreateCheckInDto, ExportsService } from '@r2c/cycles';
import { UuidParam } from '../common/uuid-param';
import { Answers, AnswersFile, Refuses } from '../openapi/answers';

@ApiTags('check-ins and exports')
@ApiBearerAuth()
@Controller('api/v1/initiatives/:id')
export class CheckInsController {
  constructor(
    private readonly checkIns: CheckInsService,
    private readonly exports: ExportsService,
  ) {}

  @Post('check-ins')
  @Answers(201, 'CheckInWithNextDue')
  @Refuses({ 403: true, 404: true, 409: true })
  create(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: CreateCheckInDto) {
    return this.checkIns.create(me, id, dto);
  }

  @Get('check-ins')
  @Answers(200, 'CheckInPage')
  @Refuses({ 404: true })
  list(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.checkIns.list(me, id, page);
  }

  @Get('evidence.csv')
  @ApiProduces('text/csv')
  @Header('Cache-Control', 'no-store')
  @AnswersFile('text/csv', 'Every evidence entry of every cycle, one row each; starts with a UTF-8 byte-order mark')
  @Refuses({ 403: true, 404: true })
  async csv(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Res() res: FastifyReply) {
    const body = await this.exports.evidenceCsv(me, id);
    void asAttachment(res.type('text/csv; charset=utf-8'), `evidence-${id}.csv`).send(body);
  }

  @Get('calendar.ics')
  @ApiProduces('text/calendar')
  @Header('Cache-Control', 'no-store')
  @AnswersFile('text/calendar', 'Due check-ins and planned cycle ends as iCalendar events')
  @Refuses({ 403: true, 404: true })
  async ics(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Res() res: FastifyReply) {
    const body = await this.exports.calendarIcs(me, id);
    void asAttachment(res.type('text/calendar; charset=utf-8'), `r2c-${id}.ics`).send(body);
  }
}
