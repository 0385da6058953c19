export * from './queues';
export * from './jobs.module';
export * from './enqueue';
export * from './queue-monitor';
export * from './logged-worker-host';
export * from './polling-relay';
export * from './signals';
