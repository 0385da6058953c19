import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { ConfigError, configWarnings, Runtime, startRuntime } from '@r2c/core';
import { createApi } from './create-api';

async function main(): Promise<void> {
  let runtime: Runtime | undefined;
  let app: INestApplication | undefined;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const limit = runtime?.config.shutdownTimeoutMs ?? 10000;
    const force = setTimeout(() => {
      process.stderr.write(`shutdown took longer than ${limit} ms after ${signal}; exiting anyway\n`);
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
    const withWorkers = process.env.R2C_PROCESS !== 'api';
    app = await createApi(runtime, { withWorkers });
    await app.listen(runtime.config.port, runtime.config.host);
    const url = await app.getUrl();
    for (const warning of configWarnings(runtime.config)) app.get(Logger).warn(warning, 'Config');
    app.get(Logger).log(`R2C Tracker listening on ${url} (${withWorkers ? 'API and workers' : 'API only'})`, 'Main');
  } catch (error) {
    if (error instanceof ConfigError) process.stderr.write(error.message + '\n');
    else process.stderr.write(`Start failed: ${(error instanceof Error ? error.stack : undefined) ?? String(error)}\n`);
    await app?.close().catch(() => undefined);
    await runtime?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
