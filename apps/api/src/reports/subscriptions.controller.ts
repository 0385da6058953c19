import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@r2c/access';
import { ConfirmDigestSignupDto, DigestSignupConfirmed, DigestSignupDto, DigestSignupsService } from '@r2c/reports';
import { Answers, Refuses } from '../openapi/answers';

/** Signing up for the coalition digest: no account needed, the emailed link is the proof. */
@ApiTags('digests')
@Public()
@Controller('api/v1/subscriptions')
export class SubscriptionsController {
  constructor(private readonly signups: DigestSignupsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Sign up for the coalition digest: emails a confirmation link',
    description:
      'Always 202 with an empty body, whether or not the email has an account (an address that has one gets a note instead of a link, and no new account). No digest is sent until the link is confirmed. 429 after 10 sign-ups from one client address in 15 minutes. 404 when DIGEST_SIGNUP=closed.',
  })
  @ApiResponse({ status: 202, description: 'Taken; no body, whatever the email' })
  @Refuses({ 404: 'Sign-up is closed (DIGEST_SIGNUP=closed)' })
  async signUp(@Body() dto: DigestSignupDto, @Req() req: FastifyRequest): Promise<void> {
    await this.signups.signUp(dto, req.ip || 'unknown');
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a sign-up with the token from its link: the address becomes a subscriber and receives the digest from then on',
    description:
      '400 saying whether the link is not valid, already used or expired (links work once, for 7 days). A link sent before DIGEST_SIGNUP=closed still works.',
  })
  @Answers(200, 'DigestSignupConfirmed')
  confirm(@Body() dto: ConfirmDigestSignupDto): Promise<DigestSignupConfirmed> {
    return this.signups.confirm(dto);
  }
}
