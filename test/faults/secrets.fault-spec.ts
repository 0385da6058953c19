import { createHmac, randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { ADMIN, Coalition, PASSWORD, Person } from '../support/fixtures';
import { listenOn, waitFor } from '../support/ports';
import { Spawned } from './support/spawned';
import { querySqlite } from './support/sqlite-file';
import { checkInHeldNow, weekHoldingToday } from '../support/digest-news';

const SECRET_KEY = randomBytes(36).toString('base64url');
const SMTP_USER = 'r2c-mailer';
const SMTP_PASSWORD = `smtp-${randomBytes(9).toString('hex')}`;
const TTL = 600;

const b64 = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
/** A JWT made by hand, so a test can sign what the app would never sign. */
function jwt(payload: object, key: string, alg: 'HS256' | 'HS512' | 'none' = 'HS256'): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  if (alg === 'none') return `${head}.`;
  return `${head}.${createHmac(alg === 'HS256' ? 'sha256' : 'sha512', key)
    .update(head)
    .digest('base64url')}`;
}
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

/** A relay that wants a login, so the SMTP password is really used. */
async function smtpWithLogin() {
  const received: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, callback) =>
      auth.username === SMTP_USER && auth.password === SMTP_PASSWORD
        ? callback(null, { user: SMTP_USER })
        : callback(new Error('Invalid username or password')),
    onData: (stream, _session, callback) => {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
      stream.on('end', () => (received.push(raw), callback()));
    },
  });
  const port = await listenOn(server.server, 0);
  return { received, url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('secrets: tokens, links and logs', () => {
  let app: Spawned;
  let smtp: Awaited<ReturnType<typeof smtpWithLogin>>;
  let c: Coalition;
  let librarian: Person;
  let subscriber: Person;
  const issued: string[] = [];
  const passwords = [ADMIN.password, PASSWORD];
  const me = (token: string) => fetch(`${app.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    smtp = await smtpWithLogin();
    app = await Spawned.start({
      env: { SECRET_KEY, TOKEN_TTL_SECONDS: String(TTL), LOG_LEVEL: 'debug', SMTP_URL: smtp.url, APP_URL: 'http://r2c.test', MAIL_BACKOFF_MS: '200' },
    });
    c = app.coalition();
    issued.push(await c.signInAdmin());
    librarian = await c.person('librarian');
    subscriber = await c.person('subscriber');
    issued.push(librarian.token, subscriber.token);
  });
  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  it('issues tokens that expire after TOKEN_TTL_SECONDS, and refuses one signed with the right key whose time is up', async () => {
    const { iat, exp, sub } = claims(librarian.token);
    expect(exp - iat).toBe(TTL);
    expect((await me(librarian.token)).status).toBe(200);
    const now = Math.floor(Date.now() / 1000);
    expect((await me(jwt({ sub, role: 'librarian', iat: now - TTL - 60, exp: now - 60 }, SECRET_KEY))).status).toBe(401);
  });

  it('refuses forged and tampered tokens: another key, alg none, HS512, a changed subject or role, a changed signature', async () => {
    const admin = claims(c.adminToken);
    const { sub, iat, exp } = claims(librarian.token);
    const [head, , signature] = librarian.token.split('.');
    const forged = [
      jwt({ sub: admin.sub, role: 'admin', iat, exp }, randomBytes(36).toString('base64url')),
      jwt({ sub: admin.sub, role: 'admin', iat, exp }, SECRET_KEY, 'none'),
      jwt({ sub: admin.sub, role: 'admin', iat, exp }, SECRET_KEY, 'HS512'),
      `${head}.${b64({ sub: admin.sub, role: 'librarian', iat, exp })}.${signature}`,
      `${head}.${b64({ sub, role: 'admin', iat, exp })}.${signature}`,
      `${head}.${librarian.token.split('.')[1]}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
      jwt({ sub: 42, iat, exp }, SECRET_KEY),
    ];
    for (const token of forged) {
      const res = await me(token);
      expect({ token, status: res.status }).toEqual({ token, status: 401 });
    }
    // And a librarian's own token does not open admin routes.
    expect((await fetch(`${app.base}/api/v1/users`, { headers: { authorization: `Bearer ${librarian.token}` } })).status).toBe(403);
  });

  it('refuses the token of a user who was deleted, and of one who was deactivated', async () => {
    const leaver = await c.person('librarian');
    issued.push(leaver.token);
    expect((await me(leaver.token)).status).toBe(200);
    await querySqlite(app.sqliteFile, 'DELETE FROM users WHERE id = ?', [leaver.id]);
    expect((await me(leaver.token)).status).toBe(401);

    const paused = await c.person('coach');
    issued.push(paused.token);
    await c.as(c.adminToken).patch(`/api/v1/users/${paused.id}`, { active: false }).expect(200);
    expect((await me(paused.token)).status).toBe(401);
  });

  it('changes passwords: the old one and the tokens signed before stop working, the new one signs in', async () => {
    const changed = `new-${randomBytes(8).toString('hex')}`;
    passwords.push(changed);
    await c.as(c.adminToken).patch(`/api/v1/users/${librarian.id}`, { password: changed }).expect(200);
    expect((await me(librarian.token)).status).toBe(401);
    await c.t.http().post('/api/v1/auth/login').send({ email: librarian.email, password: PASSWORD }).expect(401);
    const before = await c.login(librarian.email, changed);
    issued.push(before);
    const own = `own-${randomBytes(8).toString('hex')}`;
    passwords.push(own);
    const res = await c.as(before).put('/api/v1/me/password', { currentPassword: changed, newPassword: own }).expect(200);
    issued.push(res.body.accessToken);
    expect((await me(before)).status).toBe(401);
    expect((await me(res.body.accessToken)).status).toBe(200);
    const wrongCurrent = `wrong-${randomBytes(8).toString('hex')}`;
    passwords.push(wrongCurrent);
    await c.as(res.body.accessToken).put('/api/v1/me/password', { currentPassword: wrongCurrent, newPassword: own }).expect(400);
    for (let i = 0; i < 2; i++) {
      const wrong = `wrong-${randomBytes(8).toString('hex')}`;
      passwords.push(wrong);
      await c.t.http().post('/api/v1/auth/login').send({ email: librarian.email, password: wrong }).expect(401);
    }
  });

  it('refuses a tampered unsubscribe link and accepts the one in the digest email; neither kind of token stands in for the other', async () => {
    await checkInHeldNow(c);
    await c.as(c.adminToken).post('/api/v1/digests/run', weekHoldingToday()).expect(202);
    const mail = await waitFor(async () => smtp.received.find((raw) => raw.includes(subscriber.email)), 30000, 'the digest email to the subscriber');
    const header = mail
      .split(/\r?\n\r?\n/)[0]
      .replace(/\r?\n[ \t]+/g, '')
      .match(/^List-Unsubscribe:\s*<([^>]+)>/im)![1];
    const link = new URL(header);
    const token = link.searchParams.get('token')!;
    const [userId, expires, signature] = token.split('.');
    issued.push(signature);
    expect(userId).toBe(subscriber.id);
    const other = librarian.id;
    const unsubscribe = (t: string) => fetch(`${app.base}/api/v1/unsubscribe?token=${encodeURIComponent(t)}`);

    const tampered = [
      `${other}.${expires}.${signature}`,
      `${userId}.${Number(expires) + 86400}.${signature}`,
      `${userId}.${signature}`,
      `${userId}.${expires}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      `${userId}.${expires}.${signature.slice(0, -4)}`,
      `${userId}.${expires}.${createHmac('sha256', 'another-key').update(`r2c/digest-link/v2:${userId}:${expires}`).digest('base64url')}`,
      `${token}.extra`,
      c.adminToken,
    ];
    for (const t of tampered) expect({ t, status: (await unsubscribe(t)).status }).toEqual({ t, status: 400 });
    expect((await me(token)).status).toBe(401);
    expect((await unsubscribe(token)).status).toBe(200);
  });

  it('writes no password, token, hash or secret key to the log of a process that did all of the above', async () => {
    await app.stop('SIGTERM');
    expect(app.log.length).toBeGreaterThan(1000); // debug logging really ran
    const secrets = [SECRET_KEY, SMTP_PASSWORD, ...passwords, ...issued, ...issued.map((t) => t.split('.').pop()!).filter(Boolean), '$argon2'];
    for (const secret of secrets) expect({ secret, logged: app.log.includes(secret) }).toEqual({ secret, logged: false });
  });
});
