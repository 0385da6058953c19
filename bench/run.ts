import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import { TestSmtp } from '../test/support/smtp-server';
import { HTTP_PLACEHOLDERS, measureHttpPaths } from './http-paths';
import { JOB_SECTIONS, measureJobs } from './jobs';
import { MAIL_PLACEHOLDERS, measureMail } from './mail';
import { ApiProcess, ROOT, startApi } from './processes';
import { measureScaleOut, SCALE_OUT_PLACEHOLDERS } from './scale-out';
import { Figure, renderTable, verdict } from './report';

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** The machine's CPU time so far, and the part of it the hypervisor gave to other guests (steal); Linux only. */
function cpuTicks(): { total: number; steal: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { total: fields.reduce((sum, n) => sum + n, 0), steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/** " · 4.0% of the CPU time taken by the host for other guests (steal)": a run on a busy host is slower and noisier. */
function stolenSince(from: ReturnType<typeof cpuTicks>): string {
  const to = cpuTicks();
  if (!from || !to || to.total === from.total) return '';
  return ` · ${(((to.steal - from.steal) / (to.total - from.total)) * 100).toFixed(1)}% of the CPU time taken by the host for other guests (steal)`;
}

/** 1 write, 2 read, 7 footprint and 6 mail, against the built API started as `npm start` would. */
async function measureSpawnedApi(work: string, wanted: (name: string) => boolean, profiles?: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const smtp = await new TestSmtp().start();
  let api: ApiProcess | undefined;
  let part = 'start';
  try {
    mkdirSync(join(work, 'api'));
    api = await startApi(join(work, 'api'), { SMTP_URL: smtp.url }, profiles);
    console.log(`API up in ${api.coldStartMs.toFixed(0)} ms`);
    if (wanted('http')) {
      part = 'http';
      console.log('measuring the write and read paths…');
      figures.push(...(await measureHttpPaths(api, work)));
    }
    if (wanted('mail')) {
      part = 'mail';
      console.log('measuring mail throughput…');
      figures.push(...(await measureMail(api, smtp)));
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    console.error(`measures on the spawned API failed: ${failure.stack}`);
    const failed = (f: Figure): Figure => ({ ...f, note: `failed: ${failure.message.slice(0, 120)}` });
    if (wanted('http') && part !== 'mail') figures.push(...HTTP_PLACEHOLDERS.map(failed));
    if (wanted('mail')) figures.push(...MAIL_PLACEHOLDERS.map(failed));
  } finally {
    await api?.stop();
    await smtp.stop();
  }
  return figures;
}

/** `--pg` without a cluster: runs this bench again inside scripts/with-postgres.sh, which starts a throwaway one. */
function againWithPostgres(): never {
  const args = [join(ROOT, 'scripts', 'with-postgres.sh'), process.execPath, '--expose-gc', __filename, ...process.argv.slice(2)];
  process.exit(spawnSync('bash', args, { stdio: 'inherit' }).status ?? 1);
}

/** 8 scale-out on PostgreSQL (`--pg`), after the SQLite measures and the jobs' on PostgreSQL. */
async function measurePostgres(work: string, databaseUrl: string): Promise<Figure[]> {
  console.log('measuring the write path on PostgreSQL with one API process, then two…');
  try {
    return await measureScaleOut(work, databaseUrl);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    console.error(`the PostgreSQL measures failed: ${failure.stack}`);
    return SCALE_OUT_PLACEHOLDERS.map((f) => ({ ...f, note: `failed: ${failure.message.slice(0, 120)}` }));
  }
}

async function main(): Promise<void> {
  const postgres = process.argv.includes('--pg');
  if (postgres && !process.env.TEST_DATABASE_URL) againWithPostgres();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130)); // runs the exit hook that stops the servers
  Logger.overrideLogger(['error', 'warn']); // the bench prints one table, not the services' logs
  const profile = process.argv.includes('--profile');
  // `--only=http,mail,reminders,summaries,digests` runs a part, for profiling one path at a time (`pg`: only the PostgreSQL part of `--pg`: the jobs and the scale-out).
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const wanted = (name: string) => !only || only.includes(name);
  const started = performance.now();
  const ticksAtStart = cpuTicks();
  // Short: the embedded Redis listens on a Unix socket under it, and socket paths are limited to about 100 bytes.
  const work = mkdtempSync(join(tmpdir(), 'r2c-bench-'));
  const profiles = profile ? join(work, 'profiles') : undefined;
  if (profiles) mkdirSync(profiles);
  console.log(`R2C Tracker bench · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · node ${process.version} · load average at start ${load()}`);

  const figures: Figure[] = [];
  if (wanted('http') || wanted('mail')) figures.push(...(await measureSpawnedApi(work, wanted, profiles)));
  const sections = JOB_SECTIONS.filter((section) => wanted(section.name));
  if (sections.length) {
    console.log('measuring the reminder scan, summary and digest compiles in process…');
    figures.push(...(await measureJobs(work, sections)));
  }
  if (postgres) {
    const onPostgres = JOB_SECTIONS.filter((section) => wanted(section.name) || wanted('pg'));
    if (onPostgres.length) {
      console.log('measuring the reminder scan, summary and digest compiles again on PostgreSQL…');
      figures.push(...(await measureJobs(work, onPostgres, process.env.TEST_DATABASE_URL)));
    }
    if (wanted('http') || wanted('pg')) figures.push(...(await measurePostgres(work, process.env.TEST_DATABASE_URL!)));
  }

  console.log('');
  console.log(renderTable(figures));
  console.log('');
  console.log(
    `took ${((performance.now() - started) / 1000).toFixed(0)} s · load average at end ${load()}${stolenSince(ticksAtStart)}${profiles ? ` · CPU profiles of the API in ${profiles}` : ''}`,
  );
  if (!profiles) rmSync(work, { recursive: true, force: true });
  console.log(verdict(figures));
  process.exit(0);
}

void main();
