import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from './config/config.module';
import { Clock, SystemClock } from './clock/clock';
import { DatabaseModule } from './database/database.module';
import { loggingParams } from './logging/logging';
import { REDIS_TARGET } from './redis/redis.tokens';
import { Runtime } from './runtime';
import type { AppConfig } from './config/app-config';

export interface CoreOptions {
  clock?: Clock;
}

@Global()
@Module({})
export class CoreModule {
  static forRoot(runtime: Runtime, options: CoreOptions = {}): DynamicModule {
    const base = CoreModule.forCommandLine(runtime.config, options);
    return {
      ...base,
      providers: [...(base.providers ?? []), { provide: REDIS_TARGET, useValue: runtime.redis }],
      exports: [...(base.exports ?? []), REDIS_TARGET],
    };
  }

  /** Configuration, logging, database and clock, without Redis: for one-off commands. */
  static forCommandLine(config: AppConfig, options: CoreOptions = {}): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot(config), LoggerModule.forRoot(loggingParams(config.logLevel)), DatabaseModule.forRoot(config)],
      providers: [{ provide: Clock, useValue: options.clock ?? new SystemClock() }],
      exports: [Clock],
    };
  }
}
