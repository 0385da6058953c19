import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../users/user.entity';
import { AuthService } from './auth.service';
import { PUBLIC_ROUTE, ROLES_ALLOWED } from './principal';

/** Every route needs a valid token of an active user unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new UnauthorizedException('Sign in first: this route needs an Authorization: Bearer <token> header.');
    const principal = await this.auth.principalFromToken(token);
    if (!principal) throw new UnauthorizedException('Your session token is invalid or has expired. Sign in again.');
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets);
    if (allowed && !allowed.includes(principal.role)) {
      throw new ForbiddenException(`Only ${allowed.join(' or ')} accounts can do this.`);
    }
    return true;
  }
}
