import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { preferred } from '../http/negotiation';
import { Public } from '@r2c/access';
import { OneClickUnsubscribeBody, UnsubscribeQuery, UnsubscribeService } from '@r2c/reports';
import { LinkPageFilter } from './link-page.filter';
import { AnswersAs, LinkPage, Refuses } from '../openapi/answers';

/** The link in every digest email: no sign-in, the signed token is the proof. */
@ApiTags('digests')
@Public()
@UseFilters(LinkPageFilter)
@Controller('api/v1/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribes: UnsubscribeService) {}

  @Get()
  @ApiOperation({
    summary: 'The page behind the unsubscribe link in a digest email: one button that POSTs to the same URL. Changes nothing (mail scanners open links).',
  })
  @AnswersAs(200, { 'text/html': 'text' }, 'The page with one button')
  @LinkPage()
  @Refuses({ 403: true, 404: true, 410: true }, { linkPage: true })
  async viaLink(@Query() query: UnsubscribeQuery, @Res() res: FastifyReply) {
    const state = await this.unsubscribes.state(query.token);
    void res.status(200).type('text/html; charset=utf-8').send(this.unsubscribes.page(state, query.token));
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Stops the digest: RFC 8058 one-click (List-Unsubscribe=One-Click, as mail clients POST it), an empty body, or the page's button (JSON; HTML for a browser)",
  })
  @AnswersAs(200, { 'application/json': 'Unsubscribed', 'text/html': 'text' }, 'Unsubscribed: JSON, or the page for a browser')
  @LinkPage()
  @Refuses({ 403: true, 404: true, 410: true }, { linkPage: true })
  async oneClick(@Query() query: UnsubscribeQuery, @Body() _body: OneClickUnsubscribeBody, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    const answer = await this.unsubscribes.unsubscribe(query.token);
    if (preferred(req, ['json', 'html']) === 'html') {
      void res
        .status(200)
        .type('text/html; charset=utf-8')
        .send(this.unsubscribes.page({ unsubscribed: true, email: answer.email }, query.token));
    } else void res.status(200).send(answer);
  }
}
