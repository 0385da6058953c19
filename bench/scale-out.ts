import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { TestRedis } from '../test/support/redis-server';
import { ApiClient } from './api-client';
import { CONNECTIONS, cycleInEvidence, libraryWithLibrarian, measurement } from './http-paths';
import { load, LoadResult } from './load';
import { ADMIN, ApiProcess, cpuMs, startApi } from './processes';
import type { Figure } from './report';

const WARM_UP_SECONDS = 8;
const TURN_SECONDS = 5;
/** One process and two in turns, the order reversed each round: a host that slows down for a while (another guest on it) weighs on both alike. */
const TURN_ORDER = ['one', 'two', 'two', 'one', 'one', 'two', 'two', 'one'] as const;

const writeLoad = (api: ApiProcess, path: string, token: string, body: object, connections: number, seconds: number) => ({
  url: `${api.url}${path}`,
  method: 'POST' as const,
  headers: { authorization: `Bearer ${token}` },
  body,
  connections,
  seconds,
});

/** What the processes of one configuration spent, and answered, over one or more turns of load. */
interface CpuUse {
  /** CPU-milliseconds each process used for the load, less its idle use. */
  usedBy: number[];
  /** Writes each process answered. */
  requestsBy: number[];
  total: LoadResult;
}

/** CPU-milliseconds each process uses a millisecond with no load (its timers and queue polling), over 3 s. */
async function idleUse(apis: ApiProcess[]): Promise<number[]> {
  const from = apis.map((api) => cpuMs(api.pid));
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return apis.map((api, i) => (cpuMs(api.pid) - from[i]) / (performance.now() - started));
}

/**
 * One turn of the write load against some of the API processes at once, the connections dealt out
 * evenly. CPU is counted over the measured part only, less what each process would have used
 * idle, which would otherwise count more per write the fewer writes a process gets.
 */
async function turn(apis: ApiProcess[], idlePerMs: number[], path: string, token: string, body: object): Promise<CpuUse> {
  const spec = (api: ApiProcess, seconds: number) => writeLoad(api, path, token, body, CONNECTIONS / apis.length, seconds);
  await Promise.all(apis.map((api) => load(spec(api, 1), 0)));
  const before = apis.map((api) => cpuMs(api.pid));
  const started = performance.now();
  const results = await Promise.all(apis.map((api) => load(spec(api, TURN_SECONDS), 0)));
  const elapsed = performance.now() - started;
  const total = results.reduce((sum, r) => ({
    requestsPerSecond: sum.requestsPerSecond + r.requestsPerSecond,
    p99Ms: Math.max(sum.p99Ms, r.p99Ms),
    failures: sum.failures + r.failures,
    requests: sum.requests + r.requests,
  }));
  return { usedBy: apis.map((api, i) => cpuMs(api.pid) - before[i] - idlePerMs[i] * elapsed), requestsBy: results.map((r) => r.requests), total };
}

/** Several turns of one configuration as one: CPU and writes summed, writes a second averaged, the worst p99. */
function allTurns(turns: CpuUse[]): CpuUse {
  const sum = (pick: (use: CpuUse) => number) => turns.reduce((total, use) => total + pick(use), 0);
  return {
    usedBy: turns[0].usedBy.map((_, i) => sum((use) => use.usedBy[i])),
    requestsBy: turns[0].requestsBy.map((_, i) => sum((use) => use.requestsBy[i])),
    total: {
      requestsPerSecond: sum((use) => use.total.requestsPerSecond) / turns.length,
      p99Ms: Math.max(...turns.map((use) => use.total.p99Ms)),
      failures: sum((use) => use.total.failures),
      requests: sum((use) => use.total.requests),
    },
  };
}

const perWriteMs = (use: CpuUse) => use.usedBy.reduce((sum, ms) => sum + ms, 0) / Math.max(1, use.total.requests);
/** Each round's two turns (one process, two) as a ratio: how far the turns scatter on this host. */
const turnRatios = (turns: { one: CpuUse[]; two: CpuUse[] }) => turns.two.map((use, i) => `${(perWriteMs(use) / perWriteMs(turns.one[i])).toFixed(2)}×`);
const perProcessMs = (use: CpuUse) => use.usedBy.map((ms, i) => ms / Math.max(1, use.requestsBy[i]));

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
    const idlePerMs = await idleUse(apis);
    const measure = (which: ApiProcess[]) =>
      turn(
        which,
        which.map((api) => idlePerMs[apis.indexOf(api)]),
        path,
        librarian.token,
        body,
      );
    const turns = { one: [] as CpuUse[], two: [] as CpuUse[] };
    // The one-process turns go to each process in turn: one process can run dearer than the other for a
    // whole run (in one run 1.01 against 0.80 ms a write), which would otherwise weigh on one side only.
    for (const which of TURN_ORDER) turns[which].push(await measure(which === 'one' ? [apis[turns.one.length % 2]] : apis));
    const one = allTurns(turns.one);
    const two = allTurns(turns.two);
    const failures = one.total.failures + two.total.failures;
    return [
      {
        measure: `8 PostgreSQL: writes, one API process → two (${CONNECTIONS} conns)`,
        value: two.total.requestsPerSecond,
        unit: 'req/s',
        baseline: one.total.requestsPerSecond,
        note: `p99 ${one.total.p99Ms} → ${two.total.p99Ms} ms, failures ${failures}`,
      },
      {
        measure: '8 PostgreSQL: API CPU per write, two processes',
        value: perWriteMs(two),
        unit: 'ms',
        baseline: perWriteMs(one),
        target: '≤ 1.15× one process',
        note: `in turns (${TURN_ORDER.join(', ')}, ${TURN_SECONDS} s each); each of the two: ${perProcessMs(two)
          .map((ms) => ms.toFixed(2))
          .join(' and ')} ms; turn by turn: ${turnRatios(turns).join(', ')}`,
        met: perWriteMs(two) <= 1.15 * perWriteMs(one) && failures === 0,
      },
    ];
  } finally {
    await Promise.all(apis.map((api) => api.stop()));
    await redis.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
