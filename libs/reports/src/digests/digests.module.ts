import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@r2c/access';
import { OverdueCheckInsModule } from '@r2c/cycles';
import { EvidenceBaseReader } from '@r2c/learning';
import { OutboxModule } from '@r2c/notify';
import { CompileDigest } from './compile-digest';
import { DigestChoice } from './digest-choice';
import { DigestLinks } from './digest-links';
import { DigestSources } from './digest-sources';
import { DIGEST_ENTITIES } from '../entities';
import { DigestsService } from './digests.service';
import { DigestPreferencesService } from './digest-preferences.service';
import { UnsubscribeService } from './unsubscribe.service';
import { DigestSignupsService } from '../signups/digest-signups.service';

const SERVICES = [CompileDigest, DigestsService, UnsubscribeService, DigestPreferencesService, DigestSignupsService];

/** Coalition digests: compiled by the API (on demand) and by the worker (on schedule). */
@Module({
  imports: [AccessModule, TypeOrmModule.forFeature(DIGEST_ENTITIES), OutboxModule, OverdueCheckInsModule],
  providers: [...SERVICES, DigestSources, DigestLinks, DigestChoice, EvidenceBaseReader],
  exports: SERVICES,
})
export class DigestsModule {}
