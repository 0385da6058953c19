import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@r2c/core';
import { OutboxModule } from '@r2c/notify';
import { AuditService } from './audit/audit.service';
import { AuthGuard } from './auth/auth.guard';
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
  imports: [
    TypeOrmModule.forFeature(ACCESS_ENTITIES),
    OutboxModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it as a
      // PEM public key on every verify, which cost about 7% of the API's CPU under load.
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.secretKey)), signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: SERVICES,
  exports: [...SERVICES, JwtModule],
})
export class AccessModule {}

/** Registers the auth guard for every route of the app that imports it (the HTTP app only). */
export const AUTH_GUARD_PROVIDER = { provide: APP_GUARD, useClass: AuthGuard };
