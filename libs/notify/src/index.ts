export * from './mail-transport';
export * from './mail.module';
export { OUTBOX_STATUSES } from './outbox/outbox-message.entity';
export type { OutboxStatus } from './outbox/outbox-message.entity';
export * from './outbox/outbox-view';
export * from './outbox/new-mail';
export * from './outbox/mail-job';
export * from './outbox/outbox.service';
export * from './outbox/outbox.module';
