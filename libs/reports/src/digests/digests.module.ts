import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessPolicy, AuditEntry, AuditService } from '@r2c/access';
import { OverdueCheckInsModule } from '@r2c/cycles';
import { OutboxModule } from '@r2c/notify';
import { CompileDigest } from './compile-digest';
import { DigestLinks } from './digest-links';
import { DigestSources } from './digest-sources';
import { Digest, MailPreference } from './digest.entity';
import { DigestsService } from './digests.service';
import { DigestPreferencesService } from './digest-preferences.service';
import { UnsubscribeService } from './unsubscribe.service';

const SERVICES = [CompileDigest, DigestsService, UnsubscribeService, DigestPreferencesService];

/** Coalition digests: compiled by the API (on demand) and by the worker (on schedule). */
@Module({
  imports: [TypeOrmModule.forFeature([Digest, MailPreference, AuditEntry]), OutboxModule, OverdueCheckInsModule],
  // AuditService (with the policy its audit-log reads ask) is provided here too because the worker
  // process runs without AccessModule (it is stateless).
  providers: [...SERVICES, DigestSources, DigestLinks, AuditService, AccessPolicy],
  exports: SERVICES,
})
export class DigestsModule {}
