import { Module } from '@nestjs/common';
import { OutboxModule } from '@r2c/notify';
import { ReminderScan } from './reminder-scan';

@Module({ imports: [OutboxModule], providers: [ReminderScan], exports: [ReminderScan] })
export class RemindersModule {}
