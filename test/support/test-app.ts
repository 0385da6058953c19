import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Clock, FixedClock, Runtime, startRuntime } from '@r2c/core';
import type { FastifyInstance } from 'fastify';
import { createApi } from '../../apps/api/src/create-api';
import { TestRedis } from './redis-server';
import { createTestDatabase } from './test-database';
import { recordAnswers } from './contract-recorder';

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  redis?: TestRedis;
  withWorkers?: boolean;
}

export interface TestApp {
  app: INestApplication;
  runtime: Runtime;
  http: () => ReturnType<typeof request>;
  dataDir: string;
  redis: TestRedis;
  clock: Clock;
  /** Stops the app alone (its Redis, database and data directory stay until close). */
  closeApp(): Promise<void>;
  close(): Promise<void>;
}

/** Boots the real API (and by default the workers) on a real database and a real Redis. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'r2c-test-'));
  const database = await createTestDatabase();
  const ownRedis = !options.redis;
  const redis = options.redis ?? (await new TestRedis().start());
  const clock = options.clock ?? new FixedClock(new Date('2026-03-02T12:00:00Z'));
  const runtime = await startRuntime({
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    REDIS_URL: redis.url,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const app = await createApi(runtime, { withWorkers: options.withWorkers ?? true, clock });
  await app.init();
  await (app.getHttpAdapter().getInstance() as FastifyInstance).ready();
  const server = app.getHttpServer();
  await recordAnswers(server);
  let appClosing: Promise<void> | undefined;
  const closeApp = () => (appClosing ??= app.close());
  return {
    app,
    runtime,
    dataDir,
    redis,
    clock,
    http: () => request(server),
    closeApp,
    close: async () => {
      await closeApp();
      await runtime.stop();
      if (ownRedis) await redis.destroy();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
