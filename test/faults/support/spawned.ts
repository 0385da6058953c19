import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import request from 'supertest';
import { ADMIN_ENV, Coalition } from '../../support/fixtures';
import { builtApp } from '../../support/built';
import { listensOn, onFreePort, waitFor } from '../../support/ports';
import type { TestApp } from '../../support/test-app';

// R2C_DIST runs the suite against another build (a private one, while others rebuild dist/).
const DIST_ROOT = process.env.R2C_DIST ?? join(__dirname, '..', '..', '..', 'dist');
const DIST = join(DIST_ROOT, 'apps');
export const API_MAIN = join(DIST, 'api', 'src', 'main.js');
export const WORKER_MAIN = join(DIST, 'worker', 'src', 'main.js');
export const CLI_MAIN = join(DIST, 'api', 'src', 'cli.js');

export interface SpawnOptions {
  /** `api` and `worker` run the built entry points; `api` with workers unless `apiOnly`. */
  kind?: 'api' | 'worker';
  apiOnly?: boolean;
  dataDir?: string;
  env?: Record<string, string>;
}

/** A built R2C process (`dist/…/main.js`) on its own DATA_DIR, with everything it prints kept in `log`. */
export class Spawned {
  log = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly child: ChildProcess,
    readonly dataDir: string,
    readonly base: string,
    private readonly ownDir: boolean,
  ) {
    child.stdout?.on('data', (d) => (this.log += d));
    child.stderr?.on('data', (d) => (this.log += d));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(options: SpawnOptions = {}): Promise<Spawned> {
    const ownDir = !options.dataDir;
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'r2c-fault-'));
    const main = options.kind === 'worker' ? WORKER_MAIN : API_MAIN;
    builtApp(relative(DIST_ROOT, main), DIST_ROOT);
    // An API that finds its port taken (by whoever took it since freePort chose it) exits at start: start it again on another.
    return options.kind === 'worker'
      ? Spawned.spawn(main, dataDir, ownDir, 0, options)
      : onFreePort((port) => Spawned.spawn(main, dataDir, ownDir, port, options));
  }

  private static async spawn(main: string, dataDir: string, ownDir: boolean, port: number, options: SpawnOptions): Promise<Spawned> {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      DATA_DIR: dataDir,
      PORT: String(port),
      // A worker says it started at info level; an API answers /health.
      LOG_LEVEL: options.kind === 'worker' ? 'info' : 'warn',
      DATABASE_URL: '',
      REDIS_URL: '',
      SMTP_URL: '',
      ...ADMIN_ENV,
      ...(options.apiOnly ? { R2C_PROCESS: 'api' } : {}),
      ...options.env,
    };
    const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const spawned = new Spawned(child, dataDir, `http://127.0.0.1:${port}`, ownDir);
    let died: Error | undefined;
    void spawned.exited.then(({ code }) => (died = new Error(`${main} exited with ${code} at start:\n${spawned.log}`)));
    try {
      if (options.kind === 'worker')
        await waitFor(
          async () => spawned.log.includes('R2C Tracker worker started'),
          30000,
          `start of ${main}`,
          () => died,
        );
      else
        await waitFor(
          async () => (await fetch(`${spawned.base}/health`)).status === 200 && listensOn(child.pid!, port),
          30000,
          `health of ${main}`,
          () => died,
        );
    } catch (error) {
      await spawned.stop('SIGKILL');
      throw error;
    }
    return spawned;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a signal and waits for the process to end. */
  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (this.running) this.child.kill(signal);
    return this.exited;
  }

  /** Stops the process if it still runs and removes the DATA_DIR this helper made. */
  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    if (this.ownDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The fixture builder of the in-process tests, speaking HTTP to this process instead. */
  coalition(): Coalition {
    return new Coalition({ http: () => request(this.base) } as unknown as TestApp);
  }

  get sqliteFile(): string {
    return join(this.dataDir, 'r2c.sqlite');
  }
}

/** Ids of running processes whose command line mentions `text` (read from /proc; nothing is signalled). */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(text)) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

export async function json(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A fetch-based client for load: no supertest overhead, keep-alive connections. */
export function client(base: string, token?: string) {
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  return {
    get: (path: string) => send('GET', path),
    post: (path: string, body: unknown = {}) => send('POST', path, body),
    put: (path: string, body: unknown = {}) => send('PUT', path, body),
    patch: (path: string, body: unknown = {}) => send('PATCH', path, body),
  };
}

/**
 * An HTTP agent holding `sockets` keep-alive connections that the server has already accepted, so
 * that a burst sent through it is in flight at once, not waiting in the listen backlog.
 */
export async function warmAgent(base: string, sockets: number): Promise<Agent> {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  await Promise.all(Array.from({ length: sockets }, () => send(agent, base, 'GET', '/health')));
  return agent;
}

export function send(
  agent: Agent,
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      {
        agent,
        method,
        headers: {
          ...headers,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
