import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthService, ChangePasswordDto, CurrentUser, InitiativesService, LoginDto, Public } from '@r2c/access';
import type { Principal } from '@r2c/access';
import type { MeView } from '@r2c/contracts';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly initiatives: InitiativesService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in: returns a bearer token.',
    description:
      '401 on a wrong email or password. 429 when the client address has had 20 failures in 15 minutes (checked before the password), when the email has had 5 and the password is wrong again, or when the server is busy checking other passwords.',
  })
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto.email, dto.password, req.ip ?? 'unknown');
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller, with their initiative memberships' })
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
  @ApiOkResponse({ schema: { type: 'object', properties: { accessToken: { type: 'string' } }, required: ['accessToken'] } })
  changePassword(@CurrentUser() me: Principal, @Body() dto: ChangePasswordDto): Promise<{ accessToken: string }> {
    return this.auth.changeOwnPassword(me, dto);
  }
}
