import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '@r2c/core';
import { FileMailTransport, MailTransport, SmtpMailTransport } from './mail-transport';

@Global()
@Module({
  providers: [
    {
      provide: MailTransport,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MailTransport =>
        config.smtpUrl
          ? new SmtpMailTransport(config.smtpUrl, config.mailFrom)
          : new FileMailTransport(join(config.dataDir, 'outbox'), config.mailFrom),
    },
  ],
  exports: [MailTransport],
})
export class MailModule {}
