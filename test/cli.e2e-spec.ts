import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { builtApp } from './support/built';
import { spawnOnFreePort, waitFor } from './support/ports';

const DIST = dirname(builtApp('apps/api/src/main.js'));
// Each test boots the app or the CLI (migrations and all) two to four times over.
jest.setTimeout(180_000);
const env = (dir: string, extra: Record<string, string> = {}) => ({
  ...process.env,
  DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  DATABASE_URL: '',
  REDIS_URL: '',
  ...extra,
});

/** Starts the built app on a free port (its output kept for `log()`), runs `work`, then stops it. */
async function withApp<T>(dir: string, work: (base: string, log: () => string) => Promise<T>, extra: Record<string, string> = {}): Promise<T> {
  let output = '';
  const { child, port } = await spawnOnFreePort(
    (port) => {
      output = '';
      const started = spawn(process.execPath, [join(DIST, 'main.js')], { env: env(dir, { PORT: String(port), ...extra }), stdio: ['ignore', 'pipe', 'pipe'] });
      started.stdout.on('data', (d) => (output += d));
      started.stderr.on('data', (d) => (output += d));
      return started;
    },
    async (port) => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200,
    'health',
  );
  try {
    return await work(`http://127.0.0.1:${port}`, () => output);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const login = (base: string, email: string, password: string) =>
  fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

describe('first admin', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'r2c-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates an admin with `npm run cli -- create-admin`, and refuses the same email twice', async () => {
    const args = [join(DIST, 'cli.js'), 'create-admin', '--email', 'Pat@Coalition.org', '--name', 'Pat Admin', '--password', 'a-long-password'];
    const first = spawnSync(process.execPath, args, { env: env(dir), encoding: 'utf8' });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/created admin pat@coalition.org/);
    expect(existsSync(join(dir, 'initial-admin.txt'))).toBe(false);
    const second = spawnSync(process.execPath, args, { env: env(dir), encoding: 'utf8' });
    expect(second.status).toBe(1);
    expect(second.stderr.trim()).toMatch(/already exists/);
    const short = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'create-admin', '--email', 'x@y.org', '--password', 'short'], {
      env: env(dir),
      encoding: 'utf8',
    });
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/at least 10 characters/);
    await withApp(dir, async (base) => {
      const res = await login(base, 'pat@coalition.org', 'a-long-password');
      expect(res.status).toBe(200);
      expect(((await res.json()) as { user: { role: string } }).user.role).toBe('admin');
    });
  });

  it('refuses a password that is easy to guess, from create-admin and from ADMIN_PASSWORD at start, in one line naming it', async () => {
    const weak = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'create-admin', '--email', 'x@y.org', '--password', 'aaaaaaaaaa'], {
      env: env(dir),
      encoding: 'utf8',
    });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(
      /^--password is too easy to guess\. Choose a longer password or one that is harder to guess: Repeated characters like "aaa" are easy to guess\.[^\n]*\n$/,
    );
    const start = spawnSync(process.execPath, [join(DIST, 'main.js')], {
      env: env(dir, { PORT: '0', ADMIN_EMAIL: 'pat@coalition.org', ADMIN_PASSWORD: 'aaaaaaaaaa' }),
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(start.status).toBe(1);
    expect(start.stderr).toMatch(
      /^Configuration error: ADMIN_PASSWORD is too easy to guess\. Choose a longer password or one that is harder to guess: [^\n]*\n$/,
    );
  });

  it('says at start that ADMIN_EMAIL is not used when an admin already exists (as after seed:demo on a fresh install)', async () => {
    const created = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'create-admin', '--email', 'demo-admin@example.org', '--password', 'a-long-password'], {
      env: env(dir),
      encoding: 'utf8',
    });
    expect(created.status).toBe(0);
    // Log lines are written in batches: the warning may follow the first healthy answer by a moment.
    const warned = /ADMIN_EMAIL pat@coalition\.org is not used: an admin already exists/;
    await withApp(dir, (_base, log) => waitFor(async () => warned.test(log()), 10000, 'the ADMIN_EMAIL warning'), {
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: 'pat@coalition.org',
      ADMIN_PASSWORD: 'a-long-password-too',
    });
  });

  it('on a fresh install without ADMIN_EMAIL, writes admin@localhost’s password to an owner-only file, never to the log', async () => {
    await withApp(
      dir,
      async (base, log) => {
        const file = join(dir, 'initial-admin.txt');
        expect(statSync(file).mode & 0o777).toBe(0o600);
        const password = readFileSync(file, 'utf8').match(/^password: (.+)$/m)![1];
        expect((await login(base, 'admin@localhost', password)).status).toBe(200);
        await waitFor(async () => log().includes('initial-admin.txt'), 10000, 'the log line naming initial-admin.txt');
        expect(log()).not.toContain(password);
      },
      { LOG_LEVEL: 'info' },
    );
  });
});
