import { Module } from '@nestjs/common';
import { AccessModule } from '@r2c/access';
import { OutboxModule } from '@r2c/notify';
import { ReminderScan } from './reminder-scan';

@Module({ imports: [AccessModule, OutboxModule], providers: [ReminderScan], exports: [ReminderScan] })
export class RemindersModule {}
