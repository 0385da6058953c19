import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { asAttachment } from '../http/negotiation';
import { CurrentUser, Permission, Requires } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Clock } from '@r2c/core';
import { ExportService } from '@r2c/portability';
import { UuidParam } from '../common/uuid-param';
import { Answers, Refuses } from '../openapi/answers';

/** Portability: a library keeps its whole history as documented JSON (docs/export-format.md). */
@ApiTags('export')
@ApiBearerAuth()
@Controller('api/v1')
export class ExportController {
  constructor(
    private readonly exports: ExportService,
    private readonly clock: Clock,
  ) {}

  @Get('initiatives/:id/export.json')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Everything of one initiative: library, people (no passwords), memberships, indicators, cycles, evidence, reviews, check-ins, adaptations, survey (members, admins)',
  })
  @Answers(200, 'ExportDocument', 'The export (docs/export-format.md), as a download')
  @Refuses({ 403: true, 404: true })
  async initiative(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Res({ passthrough: true }) res: FastifyReply) {
    const document = await this.exports.initiative(me, id);
    asAttachment(res, `r2c-initiative-${id}-${this.today()}.json`);
    return document;
  }

  @Get('admin/export.json')
  @Requires(Permission.ExportCoalition)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Everything of every initiative of the coalition, in the same format (admins)' })
  @Answers(200, 'ExportDocument', 'The export (docs/export-format.md), as a download')
  @Refuses({ 403: true })
  async coalition(@Res({ passthrough: true }) res: FastifyReply) {
    const document = await this.exports.coalition();
    asAttachment(res, `r2c-coalition-${this.today()}.json`);
    return document;
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }
}
