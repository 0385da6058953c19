export * from './queues';
export * from './jobs.module';
export * from './enqueue';
