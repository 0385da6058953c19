import { DataSource } from 'typeorm';
import { AuditEntry, User } from '@r2c/access/entities';
import { FixedClock } from '@r2c/core';
import { OutboxMessage } from '@r2c/notify/entities';
import { hashSignupToken } from '@r2c/reports';
import { DigestSignup } from '@r2c/reports/entities';
import { checkInHeldAt } from './support/digest-news';
import { ADMIN_ENV, Coalition } from './support/fixtures';
import { waitFor } from './support/ports';
import { TestSmtp } from './support/smtp-server';
import { startTestApp, TestApp } from './support/test-app';

// Real SMTP on loopback, real Redis and database (SQLite, or PostgreSQL through scripts/with-postgres.sh).
jest.setTimeout(120000);

const APP_URL = 'http://r2c.test';
const WEEK = { periodStart: '2026-03-09', periodEnd: '2026-03-15' };
const NEXT_WEEK = { periodStart: '2026-03-16', periodEnd: '2026-03-22' };

/** A subscriber list as a spreadsheet would save it: header on line 1, person i on line i + 2. */
const sheet = (rows: string[], header = 'email,name') => [header, ...rows].join('\r\n') + '\r\n';
const person = (prefix: string, i: number) => `${prefix}${i}@members.test,Member ${i}`;

describe('people at coalition scale', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let c: Coalition;
  let admin: ReturnType<Coalition['as']>;
  let next = 0;
  const freshAddress = () => `203.0.113.${++next}`;
  const db = () => t.app.get(DataSource);
  const clock = () => t.clock as FixedClock;
  const usersLike = (prefix: string) =>
    db()
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.email LIKE :p', { p: `${prefix}%` })
      .getMany();
  const signUp = (body: object, address = freshAddress()) => t.http().post('/api/v1/subscriptions').set('x-forwarded-for', address).send(body);
  /** The text of an email as sent, quoted-printable undone (UTF-8), its lines run together. */
  const textOf = (raw: string) =>
    Buffer.from(
      raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    )
      .toString('utf8')
      .replace(/\s+/g, ' ');
  /** The token of the link to `path` in an email's text (decoded once: a token may begin like a quoted-printable byte, "=3F…"). */
  const tokenOf = (text: string, path: string) => text.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`))?.[1];
  /** The token of the email's link to `path` (a sign-up confirmation unless said). */
  const tokenIn = (raw: string, path = 'confirm-subscription') => tokenOf(textOf(raw), path);
  const mailTo = (address: string) => waitFor(async () => smtp.to(address).length > 0 && smtp.to(address), 30000, `an email to ${address}`);
  /** The text of the first email to `address` that matches, once it has arrived. */
  const mailMatching = (address: string, pattern: RegExp) =>
    waitFor(
      async () =>
        smtp
          .to(address)
          .map((m) => textOf(m.raw))
          .find((text) => pattern.test(text)) ?? false,
      30000,
      `an email to ${address} matching ${pattern}`,
    );
  const digestTo = (address: string, period: { periodStart: string }) =>
    db()
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .where('m.to_address = :address', { address })
      .andWhere('m.idempotency_key LIKE :key', { key: `digest:${period.periodStart}_%` })
      .getCount();

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    t = await startTestApp({ env: { ...ADMIN_ENV, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', MAIL_BACKOFF_MS: '50', APP_URL } });
    c = new Coalition(t);
    await c.signInAdmin();
    admin = c.as(c.adminToken);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  describe('POST /users/import', () => {
    const rows = Array.from({ length: 220 }, (_, i) => person('bulk', i));

    it('refuses a 220-line list with two bad lines whole, naming both, and creates nobody', async () => {
      const broken = [...rows];
      broken[9] = 'not-an-email,Member 9'; // line 11
      broken[150] = 'bulk3@members.test,Member again'; // line 152, the same email as line 5
      const res = await admin.post('/api/v1/users/import', { csv: sheet(broken) }).expect(400);
      expect(res.body.details).toEqual([
        { line: 11, problem: 'not an email address' },
        { line: 152, problem: 'the same email as line 5' },
      ]);
      expect(res.body.message).toMatch(/Nothing was imported: 2 lines have problems/);
      expect(await usersLike('bulk')).toEqual([]);
    });

    it('names a missing name, and refuses a list past 5,000 lines or without its header', async () => {
      const res = await admin.post('/api/v1/users/import', { csv: sheet(['ok1@members.test,Ok', 'ok2@members.test,  ']) }).expect(400);
      expect(res.body.details).toEqual([{ line: 3, problem: 'a name is missing' }]);
      const big = Array.from({ length: 5001 }, (_, i) => `b${i}@m.test,B`);
      const cap = await admin.post('/api/v1/users/import', { csv: sheet(big) }).expect(400);
      expect(cap.body.message).toMatch(/at most 5,000 lines/);
      const headless = await admin.post('/api/v1/users/import', { csv: 'ok1@members.test,Ok\n' }).expect(400);
      expect(headless.body.message).toMatch(/header row/);
    });

    it('takes a 5,000-line list past BODY_LIMIT on this route only', async () => {
      const long = Array.from(
        { length: 5000 },
        (_, i) => `firstname.lastname.${i}@branch-library-of-the-coalition.lib.test,Firstname Middlename Lastname ${i}`,
      );
      const csv = sheet(long);
      expect(Buffer.byteLength(JSON.stringify({ csv, dryRun: true }))).toBeGreaterThan(256 * 1024);
      const res = await admin.post('/api/v1/users/import', { csv, dryRun: true }).expect(200);
      expect(res.body).toEqual({ created: 5000, existing: 0, invalid: [], dryRun: true });
      const elsewhere = await admin.post('/api/v1/invitations', { email: 'x@members.test', name: csv, role: 'subscriber' }).expect(413);
      expect(elsewhere.body.statusCode).toBe(413);
    });

    it('a dry run answers the counts and stores nothing', async () => {
      const res = await admin.post('/api/v1/users/import', { csv: sheet(rows), dryRun: true }).expect(200);
      expect(res.body).toEqual({ created: 220, existing: 0, invalid: [], dryRun: true });
      expect(await usersLike('bulk')).toEqual([]);
    });

    it('accepts the fixed list whole: 220 subscribers without a password, one audit row each', async () => {
      const res = await admin.post('/api/v1/users/import', { csv: sheet(rows) }).expect(200);
      expect(res.body).toEqual({ created: 220, existing: 0, invalid: [], dryRun: false });
      const users = await usersLike('bulk');
      expect(users).toHaveLength(220);
      expect(new Set(users.map((u) => `${u.role}:${u.active}`))).toEqual(new Set(['subscriber:true']));
      const hashes = await db()
        .getRepository(User)
        .createQueryBuilder('u')
        .select('u.password_hash', 'hash')
        .where('u.email LIKE :p', { p: 'bulk%' })
        .getRawMany();
      expect(new Set(hashes.map((h: { hash: string }) => h.hash))).toEqual(new Set(['!no-password']));
      const audits = await db()
        .getRepository(AuditEntry)
        .createQueryBuilder('a')
        .where('a.entity_type = :type AND a.action = :action', { type: 'user', action: 'create' })
        .andWhere('a.entity_id IN (:...ids)', { ids: users.map((u) => u.id) })
        .getMany();
      expect(audits).toHaveLength(220);
      // Nobody signs in to an account without a password, whatever they type.
      await t.http().post('/api/v1/auth/login').send({ email: 'bulk0@members.test', password: '!no-password' }).expect(401);
      // Importing again changes nobody: every email is counted as existing.
      const again = await admin.post('/api/v1/users/import', { csv: sheet([...rows, person('bulk', 999)]) }).expect(200);
      expect(again.body).toEqual({ created: 1, existing: 220, invalid: [], dryRun: false });
    });

    it('an imported subscriber chooses a password through a reset link, and then signs in', async () => {
      await t.http().post('/api/v1/auth/password-reset').send({ email: 'bulk7@members.test' }).expect(202);
      const token = tokenOf(await mailMatching('bulk7@members.test', /reset-password\?token=/), 'reset-password');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const password = 'lantern-orchard-velvet-42';
      const res = await t.http().post('/api/v1/auth/password-reset/confirm').send({ token, password }).expect(200);
      expect(res.body.user).toMatchObject({ email: 'bulk7@members.test', role: 'subscriber' });
      await t.http().post('/api/v1/auth/login').send({ email: 'bulk7@members.test', password }).expect(200);
    });

    it("takes Excel's text: a BOM, semicolons, columns in another order and case, padded cells, upper-case emails, cp1252 characters", async () => {
      const csv = '\uFEFF' + sheet(['  José Müller – “Pepe” ; XL1@Members.TEST ', 'Zoë Ðaniel;xl2@members.test'], 'Name;EMAIL');
      const res = await admin.post('/api/v1/users/import', { csv }).expect(200);
      expect(res.body).toMatchObject({ created: 2, existing: 0 });
      const users = await usersLike('xl');
      expect(users.map((u) => [u.email, u.name]).sort()).toEqual([
        ['xl1@members.test', 'José Müller – “Pepe”'],
        ['xl2@members.test', 'Zoë Ðaniel'],
      ]);
    });
  });

  describe('self sign-up for the digest', () => {
    let token: string;

    it('answers 202 and emails a link; a pending sign-up is no account and gets no digest', async () => {
      await signUp({ email: 'New.Reader@Example.test', name: 'New Reader' }).expect(202);
      const [mail] = await mailTo('new.reader@example.test');
      token = tokenIn(mail.raw)!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(mail.raw).toContain(`${APP_URL}/confirm-subscription?token=`);
      const [row] = await db().getRepository(DigestSignup).findBy({ email: 'new.reader@example.test' });
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.tokenHash).not.toContain(token);
      expect(await usersLike('new.reader')).toEqual([]);

      await checkInHeldAt(c, clock(), '2026-03-10T15:00:00Z');
      await admin.post('/api/v1/digests/run', WEEK).expect(202);
      await waitFor(async () => (await digestTo('bulk0@members.test', WEEK)) === 1, 30000, 'the week digest to an imported subscriber');
      expect(await digestTo('new.reader@example.test', WEEK)).toBe(0);
    });

    it('confirming makes a subscriber account without a password, which then receives the digest; the link works once', async () => {
      const res = await t.http().post('/api/v1/subscriptions/confirm').send({ token }).expect(200);
      expect(res.body).toEqual({ email: 'new.reader@example.test', subscribed: true });
      const [user] = await usersLike('new.reader');
      expect(user).toMatchObject({ role: 'subscriber', active: true, name: 'New Reader' });
      const used = await t.http().post('/api/v1/subscriptions/confirm').send({ token }).expect(400);
      expect(used.body.message).toMatch(/already been used/);

      await checkInHeldAt(c, clock(), '2026-03-17T15:00:00Z');
      await admin.post('/api/v1/digests/run', NEXT_WEEK).expect(202);
      await waitFor(async () => (await digestTo('new.reader@example.test', NEXT_WEEK)) === 1, 30000, 'the next digest to the new subscriber');
    });

    it('refuses an expired link and a made-up one, saying which', async () => {
      await signUp({ email: 'late.reader@example.test', name: 'Late Reader' }).expect(202);
      const late = tokenIn((await mailTo('late.reader@example.test'))[0].raw)!;
      const now = clock().now();
      clock().set(new Date(now.getTime() + 8 * 24 * 3600 * 1000));
      try {
        const expired = await t.http().post('/api/v1/subscriptions/confirm').send({ token: late }).expect(400);
        expect(expired.body.message).toMatch(/expired/);
        expect(expired.body.details).toEqual([{ field: 'token', problems: [expired.body.message] }]);
      } finally {
        clock().set(now);
      }
      const made = await t
        .http()
        .post('/api/v1/subscriptions/confirm')
        .send({ token: 'A'.repeat(43) })
        .expect(400);
      expect(made.body.message).toMatch(/not valid/);
      expect(made.body.details).toEqual([{ field: 'token', problems: [made.body.message] }]);
      expect(await usersLike('late.reader')).toEqual([]);
    });

    it('answers alike for an address with an account and one without, and makes no second account', async () => {
      const known = await signUp({ email: 'bulk1@members.test', name: 'Someone' });
      const unknown = await signUp({ email: 'stranger@example.test', name: 'Someone' });
      expect([known.status, known.body, known.text]).toEqual([unknown.status, unknown.body, unknown.text]);
      expect(known.status).toBe(202);
      const long = `${'l'.repeat(64)}@${'d'.repeat(45)}.${'e'.repeat(45)}.${'f'.repeat(45)}.${'g'.repeat(45)}.test`;
      expect((await admin.post('/api/v1/users/import', { csv: sheet([`${long},Long Address`]) })).body).toMatchObject({ created: 1 });
      await signUp({ email: long, name: 'Long Address' }).expect(202);
      expect(await usersLike('bulk1@')).toHaveLength(1);
      expect(await db().getRepository(DigestSignup).countBy({ email: 'bulk1@members.test' })).toBe(0);
      // The account holder is told, with the way to a password, and gets no link that would make a second account.
      const note = await mailMatching('bulk1@members.test', /already has an R2C Tracker account/);
      expect(note).toMatch(/so nothing changed\. .* If you have no password yet, choose one with “Forgot password\?” on the sign-in page\./);
      expect(tokenIn(note)).toBeUndefined();
    });

    it('sends one confirmation email a day to an address, however many sign-ups name it', async () => {
      for (let i = 0; i < 3; i++) await signUp({ email: 'twice.asked@example.test', name: 'Twice Asked' }).expect(202);
      await mailTo('twice.asked@example.test');
      expect(await db().getRepository(DigestSignup).countBy({ email: 'twice.asked@example.test' })).toBe(1);
      expect(await db().getRepository(OutboxMessage).countBy({ toAddress: 'twice.asked@example.test' })).toBe(1);
    });

    it('throttles sign-ups per client address with 429', async () => {
      const address = freshAddress();
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await signUp({ email: `burst${i}@example.test`, name: 'Burst' }, address)).status);
      expect(statuses).toEqual([...Array(10).fill(202), 429]);
      await signUp({ email: 'calm@example.test', name: 'Calm' }).expect(202);
    });

    it('validates the body', async () => {
      await signUp({ email: 'not-an-email', name: 'X' }).expect(400);
      await signUp({ email: 'ok@example.test' }).expect(400);
    });
  });

  describe('GET /users: search and filters', () => {
    it('finds by name or email, whatever the case, filters by role and active, and pages', async () => {
      const found = await admin.get(`/api/v1/users?q=${encodeURIComponent('MEMBER 2')}&limit=100`).expect(200);
      expect(found.body.items.length).toBeGreaterThan(0);
      expect(found.body.items.every((u: { name: string }) => u.name.toLowerCase().includes('member 2'))).toBe(true);
      expect((await admin.get('/api/v1/users?q=XL2@MEMBERS').expect(200)).body.items.map((u: { email: string }) => u.email)).toEqual(['xl2@members.test']);
      expect((await admin.get(`/api/v1/users?q=${encodeURIComponent('MÜLLER')}`).expect(200)).body.total).toBe(1);
      // LIKE's own wildcards are taken literally.
      expect((await admin.get('/api/v1/users?q=%25').expect(200)).body.total).toBe(0);
      expect((await admin.get('/api/v1/users?q=_').expect(200)).body.total).toBe(0);

      const coach = await c.person('coach', 'BulkCoach');
      await admin.patch(`/api/v1/users/${coach.id}`, { active: false }).expect(200);
      const coaches = await admin.get('/api/v1/users?role=coach&active=false').expect(200);
      expect(coaches.body.items.map((u: { id: string }) => u.id)).toEqual([coach.id]);
      const page = await admin.get('/api/v1/users?q=bulk&role=subscriber&active=true&limit=50&offset=200').expect(200);
      expect(page.body.total).toBe(221);
      expect(page.body.items).toHaveLength(21);

      await admin.get('/api/v1/users?active=maybe').expect(400);
      await admin.get('/api/v1/users?role=owner').expect(400);
    });
  });
});

describe('DIGEST_SIGNUP=closed', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { ...ADMIN_ENV, DIGEST_SIGNUP: 'closed' }, withWorkers: false })));
  afterAll(async () => t?.close());

  it('refuses sign-ups with 404 and a plain message, and still confirms a link sent before it closed', async () => {
    const res = await t.http().post('/api/v1/subscriptions').send({ email: 'someone@example.test', name: 'Someone' }).expect(404);
    expect(res.body.message).toMatch(/Signing up for the digest is closed/);
    // A sign-up made while it was open, whose email holds this token.
    const token = 'B'.repeat(43);
    const now = t.clock.now();
    await t.app
      .get(DataSource)
      .getRepository(DigestSignup)
      .insert({
        id: '4d1f5a2e-9a0b-4c1e-8f3a-2b6c7d8e9f01',
        email: 'before.closing@example.test',
        name: 'Before Closing',
        tokenHash: hashSignupToken(token),
        expiresAt: new Date(now.getTime() + 24 * 3600 * 1000),
        confirmedAt: null,
        userId: null,
        createdAt: now,
      });
    const confirmed = await t.http().post('/api/v1/subscriptions/confirm').send({ token }).expect(200);
    expect(confirmed.body).toEqual({ email: 'before.closing@example.test', subscribed: true });
  });
});
