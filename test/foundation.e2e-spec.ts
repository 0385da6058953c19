import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailTransport } from '@r2c/notify';
import { builtApp } from './support/built';
import { spawnOnFreePort, waitFor } from './support/ports';
import { startTestApp, TestApp } from './support/test-app';

const MAIN = builtApp('apps/api/src/main.js');

function runMain(env: Record<string, string>, timeoutMs = 45000) {
  return spawnSync(process.execPath, [MAIN], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout: timeoutMs });
}

describe('foundation: the running app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('reports db and redis ok on GET /health', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', db: 'ok', redis: 'ok' });
    expect(res.body.queues.mail).toEqual(expect.objectContaining({ waiting: expect.any(Number), failed: expect.any(Number) }));
    expect(res.headers['x-request-id']).toMatch(/[\w-]{8,}/);
  });

  it('answers 503 on GET /health while Redis is down, and 200 once it is back', async () => {
    await t.redis.stop();
    const down = await t.http().get('/health').expect(503);
    expect(down.body).toMatchObject({ db: 'ok', redis: 'down' });
    await t.redis.start();
    await waitFor(async () => (await t.http().get('/health')).status === 200, 15000, 'health back to 200');
  });

  it('keeps the request id the caller sends', async () => {
    const res = await t.http().get('/health').set('x-request-id', 'abc-123').expect(200);
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('serves the OpenAPI page at /docs', async () => {
    await t.http().get('/docs').expect(200);
    const json = await t.http().get('/docs-json').expect(200);
    expect(json.body.info.title).toBe('R2C Tracker API');
  });

  it('answers bad JSON with 400 in the one error shape, never 500', async () => {
    const res = await t.http().post('/health').set('content-type', 'application/json').send('{"broken":').expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String), details: [] });
  });

  it('answers an unknown API route with 404 in the one error shape', async () => {
    const res = await t.http().get('/api/v1/nope').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', details: [] });
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await t
      .http()
      .post('/health')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ a: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body.statusCode).toBe(413);
  });

  it('sets helmet security headers', async () => {
    const res = await t.http().get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('writes mail to DATA_DIR/outbox as .eml when SMTP_URL is unset, once per key', async () => {
    const mail = t.app.get(MailTransport);
    await mail.send({ idempotencyKey: 'test:1', to: 'ana@library.org', subject: 'Hello', text: 'Body' });
    await mail.send({ idempotencyKey: 'test:1', to: 'ana@library.org', subject: 'Hello', text: 'Body' });
    const file = join(t.dataDir, 'outbox', 'test_1.eml');
    expect(readFileSync(file, 'utf8')).toContain('Subject: Hello');
  });
});

describe('foundation: starting and stopping the process', () => {
  it('stops with one clear line naming PORT when PORT is out of range', () => {
    const dir = mkdtempSync(join(tmpdir(), 'r2c-cfg-'));
    const result = runMain({ DATA_DIR: dir, PORT: '99999' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('PORT must be a whole number from 0 to 65535')]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops with one clear line naming DIGEST_TIMEZONE when it is not an IANA zone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'r2c-cfg-'));
    const result = runMain({ DATA_DIR: dir, DIGEST_TIMEZONE: 'Mars/Olympus' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('DIGEST_TIMEZONE is not an IANA time zone')]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops with one line saying how to install redis-server when it is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'r2c-cfg-'));
    const result = runMain({ DATA_DIR: dir, PATH: '/nonexistent', REDIS_URL: '' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('apt-get install -y redis-server')]);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)('starts its own Redis when REDIS_URL is unset, and %s leaves no redis-server behind', async (signal) => {
    const dir = mkdtempSync(join(tmpdir(), 'r2c-run-'));
    const { child } = await spawnOnFreePort(
      (port) =>
        spawn(process.execPath, [MAIN], {
          env: { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'silent', REDIS_URL: '', DATABASE_URL: '' },
          stdio: 'ignore',
        }),
      async (port) => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200,
      'health 200',
    );
    try {
      const socket = join(dir, 'redis', 'redis.sock');
      expect(existsSync(socket)).toBe(true);
      const running = () => spawnSync('pgrep', ['-f', socket]).status === 0;
      expect(running()).toBe(true);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
      await waitFor(async () => !running(), 10000, 'redis-server to stop');
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
