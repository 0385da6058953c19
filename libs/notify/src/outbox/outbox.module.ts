import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NOTIFY_ENTITIES } from '../entities';
import { OutboxAnnouncer } from './outbox-announcer';
import { OutboxService } from './outbox.service';

/** Import it wherever emails are asked for (API features) or sent (the worker). */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFY_ENTITIES)],
  providers: [OutboxService, OutboxAnnouncer],
  exports: [OutboxService],
})
export class OutboxModule {}
