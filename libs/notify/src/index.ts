export * from './mail-transport';
export * from './mail.module';
export * from './outbox/outbox-message.entity';
export * from './outbox/new-mail';
export * from './outbox/mail-job';
export * from './outbox/outbox.service';
export * from './outbox/outbox.module';
