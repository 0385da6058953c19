import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { TestRedis } from '../test/support/redis-server';
import { ApiClient } from './api-client';
import { CONNECTIONS, cycleInEvidence, libraryWithLibrarian, measurement, SECONDS } from './http-paths';
import { load, LoadResult } from './load';
import { ADMIN, ApiProcess, cpuMs, startApi } from './processes';
import type { Figure } from './report';

const WARM_UP_SECONDS = 8;

const writeLoad = (api: ApiProcess, path: string, token: string, body: object, connections: number, seconds: number) => ({
  url: `${api.url}${path}`,
  method: 'POST' as const,
  headers: { authorization: `Bearer ${token}` },
  body,
  connections,
  seconds,
});

interface CpuUse {
  /** CPU-milliseconds each process used for the load, less its idle use. */
  usedBy: number[];
  /** Writes each process answered. */
  requestsBy: number[];
  total: LoadResult;
}

/**
 * A load against several API processes at once, the connections dealt out in turn. CPU is counted over
 * the measured part only, less what each process uses idle (its timers and queue polling, measured for
 * 3 s before the load), which would otherwise count more per write the fewer writes a process gets.
 */
async function cpuUse(apis: ApiProcess[], path: string, token: string, body: object, seconds: number, rate?: number): Promise<CpuUse> {
  const idleFrom = apis.map((api) => cpuMs(api.pid));
  const idleStarted = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const idlePerMs = apis.map((api, i) => (cpuMs(api.pid) - idleFrom[i]) / (performance.now() - idleStarted));
  const spec = (api: ApiProcess, seconds: number) => ({ ...writeLoad(api, path, token, body, CONNECTIONS / apis.length, seconds), rate });
  await Promise.all(apis.map((api) => load(spec(api, 2), 0)));
  const before = apis.map((api) => cpuMs(api.pid));
  const started = performance.now();
  const results = await Promise.all(apis.map((api) => load(spec(api, seconds), 0)));
  const elapsed = performance.now() - started;
  const total = results.reduce((sum, r) => ({
    requestsPerSecond: sum.requestsPerSecond + r.requestsPerSecond,
    p99Ms: Math.max(sum.p99Ms, r.p99Ms),
    failures: sum.failures + r.failures,
    requests: sum.requests + r.requests,
  }));
  return { usedBy: apis.map((api, i) => cpuMs(api.pid) - before[i] - idlePerMs[i] * elapsed), requestsBy: results.map((r) => r.requests), total };
}

/** Two turns of the same load as one: writes a second averaged, CPU and writes summed, the worse p99. */
function bothTurns(a: CpuUse, b: CpuUse): { perWriteMs: number; perProcessMs: number[]; total: LoadResult } {
  const usedBy = a.usedBy.map((ms, i) => ms + b.usedBy[i]);
  const requestsBy = a.requestsBy.map((n, i) => n + b.requestsBy[i]);
  const requests = requestsBy.reduce((sum, n) => sum + n, 0);
  return {
    perWriteMs: usedBy.reduce((sum, ms) => sum + ms, 0) / Math.max(1, requests),
    perProcessMs: usedBy.map((ms, i) => ms / Math.max(1, requestsBy[i])),
    total: {
      requestsPerSecond: (a.total.requestsPerSecond + b.total.requestsPerSecond) / 2,
      p99Ms: Math.max(a.total.p99Ms, b.total.p99Ms),
      failures: a.total.failures + b.total.failures,
      requests,
    },
  };
}

export const SCALE_OUT_PLACEHOLDERS: Figure[] = [
  { measure: '8 PostgreSQL: API CPU per write, two processes', value: null, unit: 'ms', target: '≤ 1.15× one process' },
];

/**
 * 8 scale-out on PostgreSQL: the write path against one API process, then against two sharing the
 * database and Redis, as API CPU-milliseconds per write (a two-core machine cannot show more writes a
 * second with two processes; what it can show is that a second process costs no coordination).
 */
export async function measureScaleOut(work: string, databaseUrl: string): Promise<Figure[]> {
  const name = `r2c_bench_${Date.now()}`;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const redis = await new TestRedis().start();
  const env = { DATABASE_URL: url.toString(), REDIS_URL: redis.url, SECRET_KEY: 'bench-secret-key-shared-by-both-api-processes', R2C_PROCESS: 'api' };
  const apis: ApiProcess[] = [];
  try {
    for (const n of [1, 2]) mkdirSync(join(work, `pg-api-${n}`));
    apis.push(await startApi(join(work, 'pg-api-1'), env));
    apis.push(await startApi(join(work, 'pg-api-2'), env));
    const first = await new ApiClient(apis[0].url).login(ADMIN.email, ADMIN.password);
    const { libraryId, librarianId, librarian } = await libraryWithLibrarian(first);
    const cycle = await cycleInEvidence(first, librarian, libraryId, librarianId, 'Community Conversations (scale-out)');
    const path = `/api/v1/cycles/${cycle.cycleId}/evidence`;
    const body = measurement(cycle.indicatorId);
    // Each process warms up alone first: a process still compiling its hot paths costs more per write,
    // which is not what the measure is after (the cost of a second process sharing the work).
    for (const api of apis) await load(writeLoad(api, path, librarian.token, body, CONNECTIONS, WARM_UP_SECONDS), 0);
    // One process, two, two again, then one again, half the time each: a host that slows down during the
    // measure (another guest on it) weighs on both alike instead of on whichever ran when it struck.
    const measure = (which: ApiProcess[], rate?: number) => cpuUse(which, path, librarian.token, body, SECONDS / 2, rate);
    const oneFirst = await measure([apis[0]]);
    const twoFirst = await measure(apis);
    const two = bothTurns(twoFirst, await measure(apis));
    const one = bothTurns(oneFirst, await measure([apis[0]]));
    const half = Math.round(two.total.requestsPerSecond / 2);
    const halfRate = bothTurns(await measure([apis[0]], half), await measure([apis[0]], half));
    return [
      {
        measure: `8 PostgreSQL: writes, one API process → two (${CONNECTIONS} conns)`,
        value: two.total.requestsPerSecond,
        unit: 'req/s',
        baseline: one.total.requestsPerSecond,
        note: `p99 ${one.total.p99Ms} → ${two.total.p99Ms} ms, failures ${one.total.failures + two.total.failures}`,
      },
      {
        measure: '8 PostgreSQL: API CPU per write, two processes',
        value: two.perWriteMs,
        unit: 'ms',
        baseline: one.perWriteMs,
        target: '≤ 1.15× one process',
        note: `per write, each process: ${two.perProcessMs.map((ms) => ms.toFixed(2)).join(' and ')} ms; one process held to half the two's rate (${Math.round(halfRate.total.requestsPerSecond)} req/s): ${halfRate.perWriteMs.toFixed(2)} ms`,
        met: two.perWriteMs <= 1.15 * one.perWriteMs && one.total.failures + two.total.failures === 0,
      },
    ];
  } finally {
    await Promise.all(apis.map((api) => api.stop()));
    await redis.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
