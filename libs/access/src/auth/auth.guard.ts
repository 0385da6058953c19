import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessPolicy } from '../policy/access-policy';
import type { Permission } from '../policy/permissions';
import { SignInAgain } from './account-row';
import { AuthService } from './auth.service';
import { PUBLIC_ROUTE, READS_ACCOUNT_ITSELF, REQUIRED_PERMISSION } from './principal';
import type { Principal, TokenHolder } from './principal';

/**
 * Every route needs a valid token of an active user unless marked @Public(), and the permission its
 * @Requires() names. A route marked @ReadsAccountItself() reads the account with its own query: here
 * only its token is checked.
 */
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
    const request = context.switchToHttp().getRequest<{ headers: { authorization?: string }; principal?: Principal; tokenHolder?: TokenHolder }>();
    const header: string | undefined = request.headers.authorization;
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new UnauthorizedException('Sign in first: this route needs an Authorization: Bearer <token> header.');
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (this.reflector.getAllAndOverride<boolean>(READS_ACCOUNT_ITSELF, targets)) {
      if (permission) throw new Error('A route that reads the account itself cannot also ask the guard for a permission.');
      const holder = await this.auth.holderOf(token);
      if (!holder) throw new SignInAgain();
      request.tokenHolder = holder;
      return true;
    }
    const principal = await this.auth.principalFromToken(token);
    if (!principal) throw new SignInAgain();
    request.principal = principal;
    if (permission) await this.policy.require(principal, permission);
    return true;
  }
}
