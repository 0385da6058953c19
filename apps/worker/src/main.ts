import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, Runtime, startRuntime } from '@r2c/core';
import { WorkerRootModule } from './worker-root.module';

async function main(): Promise<void> {
  let runtime: Runtime | undefined;
  let app: INestApplicationContext | undefined;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const limit = runtime?.config.shutdownTimeoutMs ?? 10000;
    const force = setTimeout(() => {
      process.stderr.write(`worker shutdown took longer than ${limit} ms after ${signal}; exiting anyway\n`);
      void runtime?.stop().finally(() => process.exit(1));
    }, limit);
    try {
      await app?.close();
    } finally {
      await runtime?.stop();
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    runtime = await startRuntime();
    app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(runtime), { bufferLogs: true });
    app.useLogger(app.get(Logger));
    await app.init();
    app.get(Logger).log('R2C Tracker worker started', 'Main');
  } catch (error) {
    if (error instanceof ConfigError) process.stderr.write(error.message + '\n');
    else process.stderr.write(`Worker start failed: ${(error instanceof Error ? error.stack : undefined) ?? String(error)}\n`);
    await app?.close().catch(() => undefined);
    await runtime?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
