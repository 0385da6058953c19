import { Body, Controller, Delete, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AcceptInvitationDto, CreateInvitationDto, CurrentUser, InvitationsService, LinkCheckDto, Permission, Public, Requires } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { PageQuery } from '@r2c/core';
import { UuidParam } from '../common/uuid-param';
import { Answers, AnswersNothing, Refuses, pageOf } from '../openapi/answers';

@ApiTags('invitations')
@Controller('api/v1/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @ApiBearerAuth()
  @Requires(Permission.InvitationsManage)
  @ApiOperation({
    summary: 'Invite someone by email (admins)',
    description:
      'Emails a link, APP_URL/accept-invitation?token=…, that works once for 7 days. Inviting an email with a pending invitation again sends a new link and voids the old one. ' +
      'With initiativeId the person joins that initiative on accepting, as memberRole (defaults to the role; a librarian account is a librarian member, a coach account a coach). ' +
      '409 when the email already has an account with a password; 400 when the membership does not fit the role.',
  })
  @Answers(201, 'InvitationView')
  @Refuses({ 403: true, 404: 'No such initiative', 409: 'The email already has an account with a password' })
  invite(@CurrentUser() me: Principal, @Body() dto: CreateInvitationDto) {
    return this.invitations.invite(me, dto);
  }

  @Get()
  @ApiBearerAuth()
  @Requires(Permission.InvitationsManage)
  @ApiOperation({
    summary: 'Pending invitations, newest first (admins)',
    description: '{items, total}; an expired one stays listed, with expired: true, until revoked or replaced.',
  })
  @Answers(200, pageOf('InvitationView'))
  @Refuses({ 403: true })
  list(@Query() query: PageQuery) {
    return this.invitations.listPending(query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiBearerAuth()
  @Requires(Permission.InvitationsManage)
  @ApiOperation({
    summary: 'Revoke a pending invitation (admins)',
    description: 'Its link then answers 400 saying it was revoked. 409 when it is no longer pending.',
  })
  @AnswersNothing('Revoked; its link now answers 400')
  @Refuses({ 403: true, 404: 'No such invitation', 409: 'The invitation is no longer pending' })
  async revoke(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<void> {
    await this.invitations.revoke(me, id);
  }

  @Public()
  @Post('accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an invitation: choose a password and be signed in',
    description:
      "Anyone with the link. Creates the account (or sets the password of an account that has none) with the invitation's role and membership, and answers {accessToken, expiresIn, user}. " +
      '400 saying why when the link was already used, replaced by a newer invitation, revoked or expired, or when the password is too easy to guess.',
  })
  @Answers(200, 'LoginResult')
  accept(@Body() dto: AcceptInvitationDto) {
    return this.invitations.accept(dto);
  }

  @Public()
  @Post('check')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check an invitation link before choosing a password',
    description:
      'Anyone with the link; the token goes in the body, never in an address. Answers who the invitation is for (name, email, role, expiry, and the initiative they join) without using the link up. ' +
      '400 on token with the same words accepting would give: already used, replaced by a newer invitation, revoked, expired or not valid. 429 after 60 link checks from one client address in 15 minutes.',
  })
  @Answers(200, 'InvitationLinkCheck')
  check(@Body() dto: LinkCheckDto, @Req() req: FastifyRequest) {
    return this.invitations.check(dto.token, req.ip || 'unknown');
  }
}
