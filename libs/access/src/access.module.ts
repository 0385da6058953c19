import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '@r2c/notify';
import { AuditService } from './audit/audit.service';
import { AuthGuard } from './auth/auth.guard';
import { AccessTokens } from './auth/access-tokens';
import { AuthService } from './auth/auth.service';
import { ACCESS_ENTITIES } from './entities';
import { LoginThrottle } from './auth/login-throttle';
import { CheckInRoster } from './initiatives/check-in-roster';
import { InitiativesService } from './initiatives/initiatives.service';
import { InvitationsService } from './invitations/invitations.service';
import { PasswordResetsService } from './invitations/password-resets.service';
import { LibrariesService } from './libraries/libraries.service';
import { AccessPolicy } from './policy/access-policy';
import { PasswordHashing } from './users/password-hashing';
import { UsersService } from './users/users.service';

const SERVICES = [
  AccessTokens,
  AuditService,
  AuthService,
  LoginThrottle,
  PasswordHashing,
  AccessPolicy,
  UsersService,
  LibrariesService,
  InitiativesService,
  CheckInRoster,
  InvitationsService,
  PasswordResetsService,
];

/**
 * Users, sign-in, the access policy, libraries, initiatives and audit. An ordinary module: every module
 * whose services use these imports it. Its tables are its own; others reach them through its services.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ACCESS_ENTITIES), OutboxModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class AccessModule {}

/** Registers the auth guard for every route of the app that imports it (the HTTP app only). */
export const AUTH_GUARD_PROVIDER = { provide: APP_GUARD, useClass: AuthGuard };
