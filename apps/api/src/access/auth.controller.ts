import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  AuthService,
  ChangePasswordDto,
  CurrentUser,
  InitiativesService,
  LinkCheckDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  PasswordResetsService,
  Public,
} from '@r2c/access';
import type { Principal } from '@r2c/access';
import type { MeView } from '@r2c/contracts';
import { Answers } from '../openapi/answers';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly initiatives: InitiativesService,
    private readonly resets: PasswordResetsService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in: returns a bearer token.',
    description:
      '401 on a wrong email or password. 429 when the client address has had 20 failures in 15 minutes (checked before the password), when the email has had 5 and the password is wrong again, or when the server is busy checking other passwords.',
  })
  @Answers(200, 'LoginResult')
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest) {
    return this.auth.login(dto.email, dto.password, req.ip || 'unknown');
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a password reset link by email',
    description:
      '202 with the same body whatever the email, so the answer does not tell whether it has an account; an active account gets a link, APP_URL/reset-password?token=…, that works once for one hour. ' +
      '429 after 3 requests for one email within 15 minutes.',
  })
  @Answers(202, 'PasswordResetRequested')
  requestPasswordReset(@Body() dto: PasswordResetRequestDto) {
    return this.resets.request(dto.email);
  }

  @Public()
  @Post('auth/password-reset/check')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check a password reset link before choosing a new password',
    description:
      'Anyone with the link; the token goes in the body, never in an address. Answers the email of the account and when the link expires, without using the link up. ' +
      '400 on token with the same words confirming would give: already used, replaced by a newer one, expired, not valid, or the account deactivated. 429 after 60 link checks from one client address in 15 minutes.',
  })
  @Answers(200, 'PasswordResetLinkCheck')
  checkPasswordReset(@Body() dto: LinkCheckDto, @Req() req: FastifyRequest) {
    return this.resets.check(dto.token, req.ip || 'unknown');
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Choose a new password with a reset link, and be signed in',
    description:
      'Answers {accessToken, expiresIn, user}; every token issued before stops working (401). 400 saying why when the link was already used, replaced by a newer one or expired, or when the password is too easy to guess.',
  })
  @Answers(200, 'LoginResult')
  confirmPasswordReset(@Body() dto: PasswordResetConfirmDto) {
    return this.resets.confirm(dto);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller, with their initiative memberships' })
  @Answers(200, 'MeView')
  async me(@CurrentUser() me: Principal): Promise<MeView> {
    return { ...me, memberships: await this.initiatives.membershipsOf(me.id) };
  }

  @Put('me/password')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change your own password',
    description:
      'Answers a new token to continue with; every other token of the account stops working (401). 400 when the current password is not right or the new one is too weak.',
  })
  @Answers(200, 'AccessTokenAnswer')
  changePassword(@CurrentUser() me: Principal, @Body() dto: ChangePasswordDto): Promise<{ accessToken: string }> {
    return this.auth.changeOwnPassword(me, dto);
  }
}
