import { BadRequestException, Body, Controller, Get, HttpCode, Post, Put, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { preferred } from '../http/negotiation';
import { CurrentUser, DigestSharingDto, InitiativesService, Public } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { DigestFrequencyDto, DigestPreferencesLinkQuery, DigestPreferencesService } from '@r2c/reports';
import type { LinkedDigestPreference } from '@r2c/reports';
import { UuidParam } from '../common/uuid-param';
import { LinkPageFilter } from './link-page.filter';
import { Answers, AnswersAs, LinkPage, Refuses } from '../openapi/answers';

/** What reaches the coalition digest (each initiative's choice) and how often each person gets it (their own). */
@ApiTags('digests')
@Controller('api/v1')
export class DigestChoicesController {
  constructor(
    private readonly initiatives: InitiativesService,
    private readonly preferences: DigestPreferencesService,
  ) {}

  @Put('initiatives/:id/digest-sharing')
  @ApiBearerAuth()
  @ApiOperation({ summary: "What of the initiative reaches the coalition digest: everything, closed_cycles or nothing (admins, the initiative's librarians)" })
  @Answers(200, 'InitiativeView')
  @Refuses({ 403: true, 404: true })
  share(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() dto: DigestSharingDto) {
    return this.initiatives.setDigestSharing(me, id, dto);
  }

  @Get('me/digest-preferences')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'How often the caller gets the digest: weekly, monthly or none' })
  @Answers(200, 'DigestPreferenceView')
  mine(@CurrentUser() me: Principal) {
    return this.preferences.forUser(me);
  }

  @Put('me/digest-preferences')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Chooses weekly, monthly (one digest on the 1st covering the calendar month before) or no digest' })
  @Answers(200, 'DigestPreferenceView')
  chooseMine(@CurrentUser() me: Principal, @Body() dto: DigestFrequencyDto) {
    return this.preferences.setForUser(me, dto.frequency);
  }

  @Public()
  @UseFilters(LinkPageFilter)
  @Get('digest-preferences')
  @ApiOperation({
    summary: 'The page behind "how often" in a digest email: the current choice and a button for each (HTML; JSON when asked for). Changes nothing.',
  })
  @AnswersAs(200, { 'text/html': 'text', 'application/json': 'LinkedDigestPreference' }, 'The page (or JSON when asked for)')
  @LinkPage()
  @Refuses({ 403: true, 404: true, 410: true }, { linkPage: true })
  async viaLink(@Query() query: DigestPreferencesLinkQuery, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    this.answer(req, res, ['html', 'json'], await this.preferences.viaLink(query.token), query.token, false);
  }

  @Public()
  @UseFilters(LinkPageFilter)
  @Post('digest-preferences')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sets the frequency named in the query for the person the signed token names; no sign-in (JSON; HTML for the page’s buttons)' })
  @AnswersAs(200, { 'application/json': 'LinkedDigestPreference', 'text/html': 'text' }, 'The choice as saved: JSON, or the page for a browser')
  @LinkPage()
  @Refuses({ 403: true, 404: true, 410: true }, { linkPage: true })
  async chooseViaLink(@Query() query: DigestPreferencesLinkQuery, @Req() req: FastifyRequest, @Res() res: FastifyReply) {
    if (!query.frequency) {
      throw new BadRequestException({
        message: 'Choose a frequency: weekly, monthly or none.',
        details: [{ field: 'frequency', problems: ['is required to change the choice'] }],
      });
    }
    this.answer(req, res, ['json', 'html'], await this.preferences.setViaLink(query.token, query.frequency), query.token, true);
  }

  private answer(req: FastifyRequest, res: FastifyReply, preference: string[], answer: LinkedDigestPreference, token: string, saved: boolean): void {
    if (preferred(req, preference) === 'html')
      void res
        .status(200)
        .type('text/html; charset=utf-8')
        .send(this.preferences.page(answer, token, saved));
    else void res.status(200).send(answer);
  }
}
