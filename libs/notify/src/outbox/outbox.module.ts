import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NOTIFY_ENTITIES } from '../entities';
import { OutboxService } from './outbox.service';

/** Import it wherever emails are asked for (API features) or sent (the worker). */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFY_ENTITIES)],
  providers: [OutboxService],
  exports: [OutboxService],
})
export class OutboxModule {}
