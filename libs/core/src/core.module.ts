import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from './config/config.module';
import { Clock, SystemClock } from './clock/clock';
import { DatabaseModule } from './database/database.module';
import { loggingParams } from './logging/logging';
import { REDIS_TARGET } from './redis/redis.tokens';
import { Runtime } from './runtime';

export interface CoreOptions {
  clock?: Clock;
}

@Global()
@Module({})
export class CoreModule {
  static forRoot(runtime: Runtime, options: CoreOptions = {}): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        LoggerModule.forRoot(loggingParams(runtime.config.logLevel)),
        DatabaseModule.forRoot(runtime.config),
      ],
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: REDIS_TARGET, useValue: runtime.redis },
      ],
      exports: [Clock, REDIS_TARGET],
    };
  }
}
