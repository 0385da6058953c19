import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Permission, Requires } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import { DigestFormatQuery, DigestsService, PreviewDigestDto, RunDigestDto } from '@r2c/reports';
import { UuidParam } from '../common/uuid-param';
import { Answers, AnswersAs, Refuses, pageOf } from '../openapi/answers';

const OVERLAP = 'the period overlaps another digest of the same series already sent, which the message names (`details[0].overlaps` gives its id and period)';
const BAD_PERIOD = 'a malformed date, an end before the start, more than 366 days or an unknown series; `details` names the field';

@ApiTags('digests')
@ApiBearerAuth()
@Controller('api/v1/digests')
export class DigestsController {
  constructor(private readonly digests: DigestsService) {}

  @Get()
  @Requires(Permission.DigestsRead)
  @ApiOperation({ summary: 'Coalition digests that were sent, newest period first' })
  @Answers(200, pageOf('DigestListItem'))
  @Refuses({ 403: true })
  list(@Query() page: PageQuery) {
    return this.digests.list(page);
  }

  @Post('preview')
  @HttpCode(200)
  @Requires(Permission.DigestsRun)
  @ApiOperation({
    summary: 'What running the period would send (the coalition’s copy, placeholder links) and to how many people; stores, sends and queues nothing',
    description: `400 for ${BAD_PERIOD}.`,
  })
  @Answers(200, 'DigestPreview')
  @Refuses({ 403: true, 409: OVERLAP })
  preview(@Body() dto: PreviewDigestDto) {
    return this.digests.preview(dto);
  }

  @Post('run')
  @HttpCode(202)
  @Requires(Permission.DigestsRun)
  @ApiOperation({
    summary:
      'Compile and send the digest of a period in a series (default: weekly, the week before today); once per series and period whatever runs twice; a period with nothing to report is skipped',
    description: `400 for ${BAD_PERIOD}.`,
  })
  @Answers(202, 'DigestRunAnswer')
  @Refuses({ 403: true, 409: OVERLAP })
  run(@CurrentUser() me: Principal, @Body() dto: RunDigestDto) {
    return this.digests.request(dto, me);
  }

  @Get(':id')
  @Requires(Permission.DigestsRead)
  @ApiOperation({ summary: 'One digest: JSON (default; overdue check-ins only for coaches and admins), or ?format=html|text as the coalition’s copy' })
  @Header('Cache-Control', 'no-store')
  @AnswersAs(200, { 'application/json': 'DigestView', 'text/html': 'text', 'text/plain': 'text' })
  @Refuses({ 403: true, 404: 'No such digest' })
  async get(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Query() query: DigestFormatQuery, @Res({ passthrough: true }) res: FastifyReply) {
    const digest = await this.digests.get(id);
    if (query.format === 'html') {
      res.type('text/html; charset=utf-8');
      return digest.html;
    }
    if (query.format === 'text') {
      res.type('text/plain; charset=utf-8');
      return digest.text;
    }
    return this.digests.view(digest, me);
  }
}
