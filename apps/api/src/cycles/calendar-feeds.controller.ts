import { Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Public } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { CalendarFeedsService } from '@r2c/cycles';
import { Answers, AnswersFile, Refuses } from '../openapi/answers';

@ApiTags('check-ins and exports')
@Controller('api/v1')
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @ApiBearerAuth()
  @Get('me/calendar-feed')
  @Header('Cache-Control', 'no-store')
  @Answers(200, 'CalendarFeedAddress')
  address(@CurrentUser() me: Principal) {
    return this.feeds.address(me);
  }

  @ApiBearerAuth()
  @Post('me/calendar-feed/reset')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Answers(200, 'CalendarFeedAddress', 'The new address; the old one answers 404 from now on')
  reset(@CurrentUser() me: Principal) {
    return this.feeds.reset(me);
  }

  /** The address is the secret: calendar apps subscribe to it without a sign-in header. */
  @Public()
  @Get('calendar-feeds/:file')
  @ApiProduces('text/calendar')
  @AnswersFile('text/calendar', 'The calendar (iCalendar)')
  @Refuses({ 404: 'No feed at this address: it was reset, or the account is inactive' })
  async calendar(@Param('file') file: string, @Res() res: FastifyReply) {
    const body = await this.feeds.calendar(file.replace(/\.ics$/, ''));
    void res.type('text/calendar; charset=utf-8').header('Cache-Control', 'private, max-age=300').send(body);
  }
}
