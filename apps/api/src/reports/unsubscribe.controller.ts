import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@r2c/access';
import { OneClickUnsubscribeBody, UnsubscribeQuery, UnsubscribeService } from '@r2c/reports';

/** The link in every digest email: no sign-in, the signed token is the proof. */
@ApiTags('digests')
@Public()
@Controller('api/v1/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribes: UnsubscribeService) {}

  @Get()
  @ApiOperation({ summary: 'One click on the link in a digest email stops the digest; answers a small HTML page' })
  async viaLink(@Query() query: UnsubscribeQuery, @Res() res: Response) {
    const answer = await this.unsubscribes.unsubscribe(query.token);
    res.status(200).type('text/html; charset=utf-8').send(this.unsubscribes.page(answer));
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'RFC 8058 one-click unsubscribe, as mail clients POST it (List-Unsubscribe=One-Click)' })
  oneClick(@Query() query: UnsubscribeQuery, @Body() _body: OneClickUnsubscribeBody) {
    return this.unsubscribes.unsubscribe(query.token);
  }
}
