import { DynamicModule, Module } from '@nestjs/common';

/** BullMQ processors and schedulers; imported by the worker process, and by the API in the embedded default. */
@Module({})
export class WorkerModule {
  static forRoot(): DynamicModule {
    return { module: WorkerModule, imports: [], providers: [] };
  }
}
