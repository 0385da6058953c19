import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule, CoreOptions, Runtime } from '@r2c/core';
import { JobsModule } from '@r2c/jobs';
import { MailModule } from '@r2c/notify';
import { WorkerModule } from '@r2c/workers';

/** The worker process on its own (`npm run start:worker`): no HTTP, only processors and schedulers. */
@Module({})
export class WorkerRootModule {
  static forRoot(runtime: Runtime, options: CoreOptions = {}): DynamicModule {
    return {
      module: WorkerRootModule,
      imports: [CoreModule.forRoot(runtime, options), JobsModule.forRoot(runtime.redis), MailModule, WorkerModule.forRoot()],
    };
  }
}
