export * from './reminder-rules';
export * from './reminder-mail';
export * from './reminder-scan';
export * from './reminders.module';
