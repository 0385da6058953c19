import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig, Clock } from '@r2c/core';
import { FileMailTransport, MailTransport, SmtpMailTransport } from './mail-transport';

@Global()
@Module({
  providers: [
    {
      provide: MailTransport,
      inject: [APP_CONFIG, Clock],
      useFactory: (config: AppConfig, clock: Clock): MailTransport =>
        config.smtpUrl
          ? new SmtpMailTransport(config.smtpUrl, config.mailFrom, clock)
          : new FileMailTransport(join(config.dataDir, 'outbox'), config.mailFrom, clock),
    },
  ],
  exports: [MailTransport],
})
export class MailModule {}
