import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from '../users/user.entity';
import type { Role } from '../users/user.entity';
import { Principal, PUBLIC_ROUTE, ROLES_ALLOWED } from './principal';

/** Every route needs a valid token of an active user unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new UnauthorizedException('Sign in first: this route needs an Authorization: Bearer <token> header.');
    let subject: string;
    try {
      subject = (await this.jwt.verifyAsync<{ sub: string }>(token, { algorithms: ['HS256'] })).sub;
    } catch {
      throw new UnauthorizedException('Your session token is invalid or has expired. Sign in again.');
    }
    const user = typeof subject === 'string' ? await this.users.findOne({ where: { id: subject } }) : null;
    if (!user || !user.active) throw new UnauthorizedException('Your session token is invalid or has expired. Sign in again.');
    const principal: Principal = { id: user.id, email: user.email, name: user.name, role: user.role };
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets);
    if (allowed && !allowed.includes(user.role)) {
      throw new ForbiddenException(`Only ${allowed.join(' or ')} accounts can do this.`);
    }
    return true;
  }
}
