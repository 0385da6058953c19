export * from './worker.module';
export * from './outbox-relay';
export * from './summary-relay';
export * from './mail.processor';
export * from './digests.processor';
export * from './reminders.processor';
export * from './summaries.processor';
export * from './review-emails.processor';
