import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Permission, Requires } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import type { Page } from '@r2c/core';
import { CycleSummaries, SummaryListing, SummaryQuery } from '@r2c/reports';
import type { SummaryContent, SummaryListItem, SummaryRequested } from '@r2c/reports';
import { UuidParam } from '../common/uuid-param';
import { Answers, AnswersAs, Refuses, pageOf } from '../openapi/answers';

/** The HTML is static text with inline styles: nothing in it may load or run anything. */
const SUMMARY_HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

@ApiTags('summaries')
@ApiBearerAuth()
@Controller('api/v1/cycles/:id/summary')
export class SummariesController {
  constructor(private readonly summaries: CycleSummaries) {}

  @Get()
  @ApiOperation({
    summary: "A cycle's summary (latest version unless ?version=); members and admins, subscribers once the cycle is closed; 404 before the first compile",
  })
  @ApiProduces('application/json', 'text/markdown', 'text/html')
  @AnswersAs(200, { 'application/json': 'SummaryContent', 'text/markdown': 'text', 'text/html': 'text' })
  @Refuses({ 404: 'No such cycle or version, one the caller may not see, or no summary compiled yet' })
  async read(
    @CurrentUser() me: Principal,
    @UuidParam('id') id: string,
    @Query() query: SummaryQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SummaryContent | string> {
    const summary = await this.summaries.read(me, id, query.version);
    if (query.format === 'md') {
      res.type('text/markdown; charset=utf-8');
      return summary.markdown;
    }
    if (query.format === 'html') {
      res.header('Content-Security-Policy', SUMMARY_HTML_POLICY);
      res.type('text/html; charset=utf-8');
      return summary.html;
    }
    return summary.content;
  }

  @Get('draft')
  @ApiOperation({
    summary: 'The summary as it would read if the cycle were approved now, for the initiative’s members and admins; stores and sends nothing',
  })
  @Answers(200, 'SummaryContent', 'The summary JSON, as GET /cycles/:id/summary answers it')
  @Refuses({ 403: true, 404: 'No such cycle, or one the caller may not see' })
  draft(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<SummaryContent> {
    return this.summaries.draft(me, id);
  }

  @Post()
  @HttpCode(202)
  @Requires(Permission.SummaryCompile)
  @ApiOperation({ summary: 'Compile a new version of the summary now and email it to the initiative’s people (admin)' })
  @Answers(202, 'SummaryRequested')
  @Refuses({ 403: true, 404: true })
  async compile(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<SummaryRequested> {
    const job = await this.summaries.requestNow(me, id);
    return { ...job, status: 'requested' };
  }
}

@ApiTags('summaries')
@ApiBearerAuth()
@Controller('api/v1/summaries')
export class SummaryListController {
  constructor(private readonly listing: SummaryListing) {}

  @Get()
  @ApiOperation({
    summary:
      'Every compiled summary the caller may read, newest first (the latest version of each): members and admins always, anyone signed in once the cycle is closed and its initiative shares closed cycles',
  })
  @Answers(200, pageOf('SummaryListItem'))
  list(@CurrentUser() me: Principal, @Query() page: PageQuery): Promise<Page<SummaryListItem>> {
    return this.listing.list(me, page);
  }
}
