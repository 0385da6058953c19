import { Module } from '@nestjs/common';
import { AccessModule } from '@r2c/access';
import { OverdueCheckInsModule } from '@r2c/cycles';
import { OutboxModule } from '@r2c/notify';
import { ReminderScan } from './reminder-scan';

@Module({ imports: [AccessModule, OutboxModule, OverdueCheckInsModule], providers: [ReminderScan], exports: [ReminderScan] })
export class RemindersModule {}
