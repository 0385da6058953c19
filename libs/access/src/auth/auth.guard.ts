import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessPolicy } from '../policy/access-policy';
import type { Permission } from '../policy/permissions';
import { AuthService } from './auth.service';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION } from './principal';
import type { Principal } from './principal';

/** Every route needs a valid token of an active user unless marked @Public(), and the permission its @Requires() names. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly policy: AccessPolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: { authorization?: string }; principal?: Principal }>();
    const header: string | undefined = request.headers.authorization;
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new UnauthorizedException('Sign in first: this route needs an Authorization: Bearer <token> header.');
    const principal = await this.auth.principalFromToken(token);
    if (!principal) throw new UnauthorizedException('Your session token is invalid or has expired. Sign in again.');
    request.principal = principal;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission) await this.policy.require(principal, permission);
    return true;
  }
}
