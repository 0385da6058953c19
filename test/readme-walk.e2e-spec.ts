import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtApp } from './support/built';
import { spawnOnFreePort, waitFor } from './support/ports';

// The built app as `npm start` runs it (SQLite, its own Redis, emails as .eml files), driven by the README's own curl walk.
jest.setTimeout(180_000);

const README = join(__dirname, '..', 'README.md');

/** The bash block under "One R2C cycle in five minutes (curl)". */
function readmeWalk(): string {
  const text = readFileSync(README, 'utf8');
  const section = text.slice(text.indexOf('## One R2C cycle in five minutes (curl)'));
  const block = section.match(/```bash\n([\s\S]*?)```/);
  if (!block) throw new Error('README: no bash block under the curl walk');
  return block[1];
}

describe("the README's curl walk", () => {
  let dir: string;
  let stop: () => Promise<void>;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'r2c-readme-'));
    mkdirSync(join(dir, 'data'));
    const env = { ...process.env, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent', DATABASE_URL: '', REDIS_URL: '', SMTP_URL: '', OUTBOX_POLL_MS: '100' };
    const { child, port } = await spawnOnFreePort(
      (port) => spawn(process.execPath, [builtApp('apps/api/src/main.js')], { cwd: dir, env: { ...env, PORT: String(port) }, stdio: 'ignore' }),
      async (port) => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200,
      'the built app',
    );
    base = `http://127.0.0.1:${port}`;
    stop = async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    };
  });
  afterAll(async () => {
    await stop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('brings the librarian and the coach in by invitation, with no password typed by an admin, and runs a cycle to its summary', async () => {
    const walk = readmeWalk();
    expect(walk).not.toContain('$API/users');
    expect(walk.match(/\$API\/invitations -d/g)).toHaveLength(2);

    // A loaded machine may take longer than the README's two seconds to write the emails and compile the summary.
    const script = `set -o pipefail\n${walk.replaceAll('http://localhost:3000', base).replaceAll('sleep 2;', 'sleep 6;')}`;
    const run = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 150_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const statuses = [...run.stdout.matchAll(/"statusCode":(\d+)/g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([409]); // the one refusal the walk shows on purpose
    expect(run.stdout).toContain('"phase":"closed"');
    expect(run.stdout).toMatch(/## Coach's review\s+- \*\*Approved\*\* · Sam Coach/);
    expect(run.stdout).toContain('1,Bilingual welcome,closed,');

    const outbox = readdirSync(join(dir, 'data', 'outbox'));
    expect(outbox.filter((name) => name.startsWith('invitation_'))).toHaveLength(2);
    const admin = readFileSync(join(dir, 'data', 'initial-admin.txt'), 'utf8').match(/^password: (.+)$/m)![1];
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@localhost', password: admin }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const people = (await (await fetch(`${base}/api/v1/users?limit=100`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
      items: { email: string; role: string }[];
    };
    expect(people.items.map((u) => [u.email, u.role]).sort()).toEqual([
      ['admin@localhost', 'admin'],
      ['maria@riverbend.lib', 'librarian'],
      ['sam@coalition.org', 'coach'],
    ]);
    await waitFor(async () => readdirSync(join(dir, 'data', 'outbox')).some((name) => name.startsWith('summary_')), 30_000, 'the summary email');
  });
});
