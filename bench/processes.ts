import { ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnOnFreePort } from '../test/support/ports';

export const ROOT = resolve(__dirname, '..', '..');
export const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
export const ADMIN = { email: 'bench-admin@coalition.org', password: 'bench-admin-password' };

/** The options `npm start` gives node (package.json), so the bench starts the API the same way. */
function npmStartNodeOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux only; 100 ticks a second). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Resident set size of a process in MB, from /proc (Linux) or ps elsewhere. */
export function rssMb(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const kb = readFileSync(status, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1];
    return kb ? Number(kb) / 1024 : 0;
  }
  const kb = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
  return Number(kb || 0) / 1024;
}

/** Samples a process's RSS until stopped; returns the highest value seen. */
export function sampleRss(pid: number, everyMs = 200): { stop(): number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid));
    },
  };
}

/** Children still running; if the bench itself ends early (Ctrl-C, a crash) they end with it. */
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

function watch(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function stopChild(child: ChildProcess, graceMs = 15000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

export interface ApiProcess {
  url: string;
  pid: number;
  coldStartMs: number;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the built API the way `npm start` does (API and workers in one process, embedded Redis,
 * SQLite in DATA_DIR); cold start is from spawn to the first 200 from /health. Its log goes to
 * DATA_DIR/api.log, as a deployment would keep it.
 */
export async function startApi(dataDir: string, env: Record<string, string>, profileDir?: string): Promise<ApiProcess> {
  // The embedded defaults: whatever this shell points at, the API gets its own SQLite file and Redis.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'SECRET_KEY', 'NODE_ENV', 'LOG_LEVEL'].includes(name)),
  );
  let started = 0;
  const { child, port } = await spawnOnFreePort(
    (port) => {
      const log = openSync(join(dataDir, 'api.log'), 'w');
      started = performance.now();
      const spawned = watch(
        spawn(process.execPath, [...npmStartNodeOptions(), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), API_MAIN], {
          env: { ...inherited, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env },
          stdio: ['ignore', log, log],
        }),
      );
      closeSync(log);
      return spawned;
    },
    async (port) => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200,
    `the API to answer /health (see ${join(dataDir, 'api.log')})`,
    30000,
  );
  const url = `http://127.0.0.1:${port}`;
  return { url, pid: child.pid!, coldStartMs: performance.now() - started, dataDir, stop: () => stopChild(child) };
}

export interface BaselineProcess {
  url: string;
  pid: number;
  startMs: number;
  stop(): Promise<void>;
}

/** Starts bench/baseline-server (bare) or bench/peer-server (typical peer) on a migrated SQLite file; start is from fork to listening. */
export async function startBaseline(databaseFile: string, server: 'baseline-server' | 'peer-server' = 'baseline-server'): Promise<BaselineProcess> {
  const started = performance.now();
  const child = watch(fork(join(__dirname, `${server}.js`), [databaseFile], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const port = await new Promise<number>((resolvePort, reject) => {
    child.once('message', (m: { port: number }) => resolvePort(m.port));
    child.once('exit', (code) => reject(new Error(`the ${server} exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, startMs: performance.now() - started, stop: () => stopChild(child, 5000) };
}
