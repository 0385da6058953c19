import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AccessModule } from '@r2c/access';
import { APP_CONFIG, CoreModule, EmbeddedRedis, loadConfig, RedisTarget, Transactions } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { JobsModule } from '@r2c/jobs';
import { MailModule } from '@r2c/notify';
import { ReminderScan, RemindersModule } from '@r2c/reminders';
import { CompileDigest, DigestsModule, SummariesService, SummaryCompilingModule, weekBefore } from '@r2c/reports';
import { recordQueries, replayReads, replayReadsOnPostgres, SentQuery, statements } from './queries';
import type { Figure } from './report';
import {
  closedCycle,
  daysBefore,
  evidence,
  indicator,
  INDICATORS,
  initiative,
  insertRows,
  instant,
  isoDate,
  library,
  membership,
  Row,
  TIME_ZONES,
  user,
} from './synthetic';

/** The job services with what they need and nothing else: no HTTP, no processors, no schedulers. */
@Module({})
class JobServicesModule {
  static forRoot(dataDir: string, redis: RedisTarget, databaseUrl?: string): DynamicModule {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
    const runtime = { config, redis, stop: async () => undefined };
    return {
      module: JobServicesModule,
      imports: [CoreModule.forRoot(runtime), JobsModule.forRoot(redis), MailModule, AccessModule, RemindersModule, SummaryCompilingModule, DigestsModule],
    };
  }
}

interface Services {
  context: INestApplicationContext;
  dataSource: DataSource;
  /** The time the job's SELECTs take replayed through the raw driver on the same database. */
  replayReads(queries: SentQuery[]): Promise<number>;
  /** '' on SQLite, ' (PostgreSQL)' on PostgreSQL: the figures of both carry the same names and targets. */
  on: string;
}

/** Each job gets a database of its own, so one job's synthetic data does not land in another's figures. */
async function sqliteServices(workDir: string, name: string, redis: RedisTarget): Promise<Services & { close(): Promise<void> }> {
  const dataDir = join(workDir, name);
  mkdirSync(dataDir, { recursive: true });
  const context = await NestFactory.createApplicationContext(JobServicesModule.forRoot(dataDir, redis), { logger: ['error', 'warn'] });
  const file = join(dataDir, 'r2c.sqlite');
  return {
    context,
    dataSource: context.get<DataSource>(getDataSourceToken()),
    replayReads: (queries) => replayReads(file, queries),
    on: '',
    close: () => context.close(),
  };
}

/** The same on PostgreSQL: a fresh database on the cluster, migrated by the app as it starts, dropped afterwards. */
async function postgresServices(workDir: string, name: string, redis: RedisTarget, clusterUrl: string): Promise<Services & { close(): Promise<void> }> {
  const dataDir = join(workDir, `pg-${name}`);
  mkdirSync(dataDir, { recursive: true });
  const database = `r2c_bench_${name}_${Date.now()}`;
  const admin = new Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(clusterUrl);
  url.pathname = `/${database}`;
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  };
  try {
    const context = await NestFactory.createApplicationContext(JobServicesModule.forRoot(dataDir, redis, url.toString()), { logger: ['error', 'warn'] });
    return {
      context,
      dataSource: context.get<DataSource>(getDataSourceToken()),
      replayReads: (queries) => replayReadsOnPostgres(url.toString(), queries),
      on: ' (PostgreSQL)',
      close: async () => {
        await context.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

const timed = async <T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};

// ---------------------------------------------------------------- 3 reminder scan

export const SCAN_INITIATIVES = 10000;

/**
 * 10,000 active initiatives in 1,000 libraries over 20 time zones, each with its librarian; 200
 * coaches with 50 initiatives each. Check-ins every 14 days; the last one 0–20 days ago, so about a
 * third owe a reminder, and one initiative in ten never checked in (its coach is told as well).
 */
async function seedReminderScan(dataSource: DataSource, now: Date): Promise<void> {
  const libraries = Array.from({ length: SCAN_INITIATIVES / 10 }, (_, n) => library(TIME_ZONES[n % TIME_ZONES.length], n, now));
  const coaches = Array.from({ length: SCAN_INITIATIVES / 50 }, (_, n) => user('coach', n, now));
  const initiatives: Row[] = [];
  const people: Row[] = [...coaches];
  const memberships: Row[] = [];
  for (let n = 0; n < SCAN_INITIATIVES; n++) {
    const never = n % 10 === 9;
    const lastCheckIn = never ? null : instant(new Date(daysBefore(now, (n * 7) % 21).getTime() - (n % 24) * 3600000));
    const ini = initiative(String(libraries[Math.floor(n / 10)].id), n, now, { last_check_in_at: lastCheckIn });
    const librarian = user('librarian', n, now);
    initiatives.push(ini);
    people.push(librarian);
    memberships.push(
      membership(String(ini.id), String(librarian.id), 'librarian', now),
      membership(String(ini.id), String(coaches[n % coaches.length].id), 'coach', now),
    );
  }
  await dataSource.transaction(async (em) => {
    await insertRows(em, 'libraries', libraries);
    await insertRows(em, 'users', people);
    await insertRows(em, 'initiatives', initiatives);
    await insertRows(em, 'memberships', memberships);
  });
}

async function measureReminderScan(s: Services): Promise<Figure[]> {
  await seedReminderScan(s.dataSource, new Date());
  const scan = s.context.get(ReminderScan);
  const first = await timed(() => recordQueries(s.dataSource, () => scan.run()));
  const firstReads = await s.replayReads(first.result.queries);
  const again = await timed(() => recordQueries(s.dataSource, () => scan.run()));
  const againReads = await s.replayReads(again.result.queries);
  const { due, emailsAdded } = first.result.result;
  const split = (queries: SentQuery[]) => {
    const reads = queries.filter((q) => /^\s*SELECT/i.test(q.query) && !/outbox_messages/i.test(q.query)).length;
    const control = queries.length - statements(queries).length;
    return { reads, writes: queries.length - reads - control, control };
  };
  const q1 = split(first.result.queries);
  return [
    {
      measure: `3 reminder scan${s.on}: ${SCAN_INITIATIVES} initiatives, 20 zones`,
      value: first.ms,
      unit: 'ms',
      baseline: firstReads,
      target: '< 2000 ms',
      met: first.ms < 2000,
      note: `${due} due, ${emailsAdded} emails added`,
    },
    {
      measure: `3 reminder scan${s.on}: queries`,
      value: first.result.queries.length,
      unit: '',
      target: '≤ 10, none per initiative',
      met: first.result.queries.length <= 10 && q1.reads <= 2,
      note: `${q1.reads} reads, ${q1.writes} outbox writes for ${emailsAdded} emails, ${q1.control} BEGIN/COMMIT`,
    },
    {
      measure: `3 reminder scan${s.on}: next pass, nothing new to send`,
      value: again.ms,
      unit: 'ms',
      baseline: againReads,
      note: `${again.result.queries.length} queries`,
    },
  ];
}

// ---------------------------------------------------------------- 4 summary compile

interface SeededCycle {
  cycleId: string;
  initiativeId: string;
}

/** An initiative (its own library, two librarians, a coach, three indicators) with one closed cycle of `entries` evidence entries. */
async function seedClosedCycle(dataSource: DataSource, entries: number, now: Date, tag: string): Promise<SeededCycle> {
  const lib = library('America/Chicago', 0, now);
  const ini = initiative(String(lib.id), 0, now);
  const people = [user('librarian', 0, now), user('librarian', 1, now), user('coach', 0, now)].map((p): Row => ({ ...p, email: `${tag}-${String(p.email)}` }));
  const indicators = INDICATORS.map((shape) => indicator(String(ini.id), shape, now));
  const cycle = closedCycle(
    String(ini.id),
    1,
    indicators.map((i) => String(i.id)),
    daysBefore(now, 1),
  );
  const target = { id: String(cycle.id), initiativeId: String(ini.id) };
  const shapes = indicators.map((i) => ({ id: String(i.id), kind: i.kind as 'count' }));
  const rows = Array.from({ length: entries }, (_, n) => evidence(target, shapes, n, daysBefore(now, 2 + (n % 30)), daysBefore(now, 2 + (n % 30))));
  await dataSource.transaction(async (em) => {
    await insertRows(em, 'libraries', [lib]);
    await insertRows(em, 'users', people);
    await insertRows(em, 'initiatives', [ini]);
    await insertRows(
      em,
      'memberships',
      people.map((p, k) => membership(String(ini.id), String(p.id), k < 2 ? 'librarian' : 'coach', now)),
    );
    await insertRows(em, 'indicators', indicators);
    await insertRows(em, 'cycles', [cycle]);
    await insertRows(em, 'evidence', rows);
  });
  return { cycleId: String(cycle.id), initiativeId: String(ini.id) };
}

const heapMb = () => process.memoryUsage().heapUsed / 1048576;
const collect = () => (global as { gc?: () => void }).gc?.();

/** Time, queries, rows read and heap growth of compiling one summary (heap sampled every millisecond). */
async function compileSummary(s: Services, cycleId: string) {
  const summaries = s.context.get(SummariesService);
  const { requestId } = await s.context.get(Transactions).run((em) => summaries.request(em, cycleId, 'on_demand', null));
  collect();
  const before = heapMb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, heapMb())), 1);
  const run = await timed(() => recordQueries(s.dataSource, () => summaries.compile(requestId)));
  clearInterval(sampler);
  peak = Math.max(peak, heapMb());
  if (run.result.result.status !== 'compiled') throw new Error(`summary not compiled: ${JSON.stringify(run.result.result)}`);
  return { ms: run.ms, queries: run.result.queries, rowsRead: run.result.rowsRead, heapGrowthMb: peak - before };
}

export const SUMMARY_ENTRIES = 10000;
const SMALL_SUMMARY_ENTRIES = 100;

async function measureSummary(s: Services): Promise<Figure[]> {
  const now = new Date();
  const small = await seedClosedCycle(s.dataSource, SMALL_SUMMARY_ENTRIES, now, 'small');
  const large = await seedClosedCycle(s.dataSource, SUMMARY_ENTRIES, now, 'large');
  await compileSummary(s, small.cycleId); // warms the templates and the JIT, as a running worker has them
  const few = await compileSummary(s, small.cycleId);
  const many = await compileSummary(s, large.cycleId);
  const reads = await s.replayReads(many.queries);
  const flat = many.rowsRead <= few.rowsRead + 10 && many.heapGrowthMb - few.heapGrowthMb < 5;
  return [
    {
      measure: `4 summary compile${s.on}: cycle with ${SUMMARY_ENTRIES} entries`,
      value: many.ms,
      unit: 'ms',
      baseline: reads,
      target: '< 300 ms',
      met: many.ms < 300,
      note: `${many.queries.length} queries`,
    },
    {
      measure: `4 summary${s.on}: rows read, ${SMALL_SUMMARY_ENTRIES} → ${SUMMARY_ENTRIES} entries`,
      value: many.rowsRead,
      unit: 'rows',
      baseline: few.rowsRead,
      target: 'flat: no growth with entries',
      met: flat,
      note: `heap growth ${few.heapGrowthMb.toFixed(1)} → ${many.heapGrowthMb.toFixed(1)} MB`,
    },
  ];
}

// ---------------------------------------------------------------- 5 digest compile

export const DIGEST_SHAPE = { initiatives: 7, cycles: 200, entries: 50, subscribers: 220 };

/**
 * 7 initiatives, each with 200 closed cycles of 50 entries; one cycle closes per initiative per week,
 * so the last week holds 7 of them and the last year 364. Recipients: each initiative's librarian and
 * coach, and 220 subscribers (the coalition's librarians).
 */
async function seedDigest(dataSource: DataSource, now: Date): Promise<void> {
  const libraries = Array.from({ length: DIGEST_SHAPE.initiatives }, (_, n) => library(TIME_ZONES[n], n, now));
  const people: Row[] = Array.from({ length: DIGEST_SHAPE.subscribers }, (_, n) => user('subscriber', n, now));
  const initiatives: Row[] = [];
  const memberships: Row[] = [];
  const indicators: Row[] = [];
  const cycles: Row[] = [];
  const entries: Row[] = [];
  libraries.forEach((lib, n) => {
    const ini = initiative(String(lib.id), n, now, { last_check_in_at: instant(daysBefore(now, 3 + n * 3)) });
    const [librarian, coach] = [user('librarian', n, now), user('coach', n, now)];
    const own = INDICATORS.map((shape) => indicator(String(ini.id), shape, now));
    initiatives.push(ini);
    people.push(librarian, coach);
    memberships.push(membership(String(ini.id), String(librarian.id), 'librarian', now), membership(String(ini.id), String(coach.id), 'coach', now));
    indicators.push(...own);
    for (let number = 1; number <= DIGEST_SHAPE.cycles; number++) {
      const closedAt = new Date(daysBefore(now, (DIGEST_SHAPE.cycles - number) * 7 + 2).getTime() + n * 3600000);
      const cycle = closedCycle(
        String(ini.id),
        number,
        own.map((i) => String(i.id)),
        closedAt,
      );
      cycles.push(cycle);
      const target = { id: String(cycle.id), initiativeId: String(ini.id) };
      const shapes = own.map((i) => ({ id: String(i.id), kind: i.kind as 'count' }));
      for (let k = 0; k < DIGEST_SHAPE.entries; k++) {
        const at = daysBefore(closedAt, 1 + (k % 35));
        entries.push(evidence(target, shapes, number * 7 + k, at, at));
      }
    }
  });
  await dataSource.transaction(async (em) => {
    await insertRows(em, 'libraries', libraries);
    await insertRows(em, 'users', people);
    await insertRows(em, 'initiatives', initiatives);
    await insertRows(em, 'memberships', memberships);
    await insertRows(em, 'indicators', indicators);
    await insertRows(em, 'cycles', cycles);
    await insertRows(em, 'evidence', entries);
  });
}

async function measureDigest(s: Services): Promise<Figure[]> {
  const now = new Date();
  await seedDigest(s.dataSource, now);
  const compile = s.context.get(CompileDigest);
  const timezone = s.context.get<AppConfig>(APP_CONFIG).digestTimezone;
  const week = weekBefore(now, timezone);
  const year = { start: isoDate(daysBefore(new Date(`${week.end}T12:00:00Z`), 365)), end: week.end };
  const figures: Figure[] = [];
  // The weekly digest is the product's schedule; a year's digest is the longest period an admin may ask for.
  for (const [label, period] of [
    ['last week', week],
    ['366 days', year],
  ] as const) {
    // A period overlapping a digest already sent is refused: the year is measured once the week's row is gone.
    if (period === year) await s.dataSource.createQueryBuilder().delete().from('digests').execute();
    const run = await timed(() => recordQueries(s.dataSource, () => compile.run(period, null)));
    if (!run.result.result.compiled) throw new Error(`digest ${period.start}–${period.end} was not compiled`);
    const reads = await s.replayReads(run.result.queries);
    const { digest } = run.result.result;
    const copyMb = (Buffer.byteLength(digest.html) + Buffer.byteLength(digest.text)) / 1048576;
    const { bodies } = (await s.dataSource
      .createQueryBuilder()
      .select('COUNT(DISTINCT o.body_id)', 'bodies')
      .from('outbox_messages', 'o')
      .where('o.idempotency_key LIKE :key', { key: `digest:${period.start}_${period.end}:%` })
      .getRawOne<{ bodies: number | string }>())!;
    figures.push({
      measure: `5 digest compile${s.on}: ${label}, ${DIGEST_SHAPE.initiatives}×${DIGEST_SHAPE.cycles}×${DIGEST_SHAPE.entries}`,
      value: run.ms,
      unit: 'ms',
      baseline: reads,
      target: '< 1000 ms',
      met: run.ms < 1000,
      note: `${digest.content.closedCycles.length} cycles closed, ${digest.recipients} recipients, ${bodies} shared bodies of ${copyMb.toFixed(2)} MB, ${run.result.queries.length} queries`,
    });
  }
  return figures;
}

// ---------------------------------------------------------------- all three

export interface JobSection {
  name: string;
  /** Figures to show when the section fails. */
  placeholders: Figure[];
  measure(s: Services): Promise<Figure[]>;
}

export const JOB_SECTIONS: JobSection[] = [
  {
    name: 'reminders',
    measure: measureReminderScan,
    placeholders: [{ measure: '3 reminder scan', value: null, unit: 'ms', target: '< 2000 ms, ≤ 10 queries' }],
  },
  { name: 'summaries', measure: measureSummary, placeholders: [{ measure: '4 summary compile', value: null, unit: 'ms', target: '< 300 ms, flat memory' }] },
  { name: 'digests', measure: measureDigest, placeholders: [{ measure: '5 digest compile', value: null, unit: 'ms', target: '< 1000 ms' }] },
];

/**
 * Runs the job sections in this process, each on its own database, with one embedded Redis for all:
 * SQLite files in the work directory, or with `clusterUrl` fresh databases on that PostgreSQL cluster.
 */
export async function measureJobs(workDir: string, sections: JobSection[], clusterUrl?: string): Promise<Figure[]> {
  const redisDir = join(workDir, clusterUrl ? 'pg-jobs-redis' : 'jobs-redis');
  mkdirSync(redisDir, { recursive: true });
  const redis = new EmbeddedRedis(redisDir);
  const target = await redis.start();
  const on = clusterUrl ? ' (PostgreSQL)' : '';
  const figures: Figure[] = [];
  try {
    for (const section of sections) {
      try {
        const s = clusterUrl ? await postgresServices(workDir, section.name, target, clusterUrl) : await sqliteServices(workDir, section.name, target);
        try {
          figures.push(...(await section.measure(s)));
        } finally {
          await s.close();
        }
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        console.error(`${section.name}${on} failed: ${failure.stack}`);
        figures.push(...section.placeholders.map((f) => ({ ...f, measure: `${f.measure}${on}`, note: `failed: ${failure.message.slice(0, 120)}` })));
      }
    }
  } finally {
    await redis.stop();
  }
  return figures;
}
