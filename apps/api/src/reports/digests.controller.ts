import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Permission, Requires } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import { DigestFormatQuery, DigestsService, RunDigestDto } from '@r2c/reports';
import { UuidParam } from '../common/uuid-param';

@ApiTags('digests')
@ApiBearerAuth()
@Controller('api/v1/digests')
export class DigestsController {
  constructor(private readonly digests: DigestsService) {}

  @Get()
  @Requires(Permission.DigestsRead)
  @ApiOperation({ summary: 'Coalition digests, newest period first' })
  list(@Query() page: PageQuery) {
    return this.digests.list(page);
  }

  @Post('run')
  @HttpCode(202)
  @Requires(Permission.DigestsRun)
  @ApiOperation({ summary: 'Compile and send the digest of a period (default: the week before today); 202, once per period whatever runs twice' })
  run(@CurrentUser() me: Principal, @Body() dto: RunDigestDto) {
    return this.digests.request(dto, me);
  }

  @Get(':id')
  @Requires(Permission.DigestsRead)
  @ApiOperation({ summary: 'One digest: JSON (default), or ?format=html|text as sent by email' })
  @Header('Cache-Control', 'no-store')
  async get(@UuidParam('id') id: string, @Query() query: DigestFormatQuery, @Res({ passthrough: true }) res: Response) {
    const digest = await this.digests.get(id);
    if (query.format === 'html') {
      res.type('text/html; charset=utf-8');
      return digest.html;
    }
    if (query.format === 'text') {
      res.type('text/plain; charset=utf-8');
      return digest.text;
    }
    return this.digests.view(digest);
  }
}
