import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthService, CurrentUser, InitiativesService, LoginDto, Public } from '@r2c/access';
import type { Principal } from '@r2c/access';
import type { MeView } from '@r2c/contracts';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(private readonly auth: AuthService, private readonly initiatives: InitiativesService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: returns a bearer token. 401 on a wrong email or password; 429 after repeated failures.' })
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto.email, dto.password, req.ip ?? 'unknown');
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller, with their initiative memberships' })
  async me(@CurrentUser() me: Principal): Promise<MeView> {
    return { ...me, memberships: await this.initiatives.membershipsOf(me.id) };
  }
}
