import { DataSource } from 'typeorm';
import { FixedClock } from '@r2c/core';
import { AuditEntry, Invitation, Membership, PasswordReset, User } from '@r2c/access/entities';
import { NO_PASSWORD } from '@r2c/access';
import { OutboxMessage } from '@r2c/notify/entities';
import { OutboxRelay } from '@r2c/workers';
import { ADMIN_ENV, Coalition, PASSWORD } from './support/fixtures';
import { waitFor } from './support/ports';
import { TestSmtp } from './support/smtp-server';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60000);

const NEW_PASSWORD = 'lantern-orchard-velvet-42';
const APP_URL = 'https://r2c.example.org';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('invitations and password reset', () => {
  let t: TestApp;
  let c: Coalition;
  let smtp: TestSmtp;
  let db: DataSource;
  let clock: FixedClock;
  let n = 0;
  const email = (prefix: string) => `${prefix}-${++n}-${Date.now().toString(36)}@library.test`;

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    clock = new FixedClock(new Date('2026-03-02T12:00:00Z'));
    t = await startTestApp({ env: { ...ADMIN_ENV, SMTP_URL: smtp.url, APP_URL, OUTBOX_POLL_MS: '100', MAIL_BACKOFF_MS: '50' }, clock });
    c = new Coalition(t);
    await c.signInAdmin();
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const admin = () => c.as(c.adminToken);
  const anyone = () => c.as('');
  const outboxRow = (key: string) => db.getRepository(OutboxMessage).findOneByOrFail({ idempotencyKey: key });
  /** The token in the link of the email with this key, as the outbox holds it (the SMTP copy is quoted-printable). */
  const tokenIn = async (key: string, path: string) => {
    const text = (await outboxRow(key)).textBody;
    const link = text.match(new RegExp(`${APP_URL.replace(/\./g, '\\.')}/${path}\\?token=(\\S+)`));
    if (!link) throw new Error(`no ${path} link in ${key}: ${text}`);
    return link[1];
  };
  const delivered = (key: string) => waitFor(async () => smtp.received.filter((m) => m.key === key).length > 0, 15000, `email ${key} at SMTP`);
  const invite = async (body: object) => {
    const res = await admin().post('/api/v1/invitations', body);
    if (res.status !== 201) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id as string, token: await tokenIn(`invitation:${res.body.id}`, 'accept-invitation') };
  };

  describe('POST /invitations and accepting', () => {
    it('invites by email; the link signs the person in with the account and the membership, audited', async () => {
      const { libraryId } = await c.pilot();
      const initiativeId = await c.initiative(libraryId);
      const to = email('maria');
      const res = await admin().post('/api/v1/invitations', { email: to.toUpperCase(), name: 'Maria Lopez', role: 'librarian', initiativeId }).expect(201);
      expect(res.body).toMatchObject({
        email: to,
        name: 'Maria Lopez',
        role: 'librarian',
        initiativeId,
        memberRole: 'librarian',
        status: 'pending',
        expired: false,
      });
      expect(res.body.expiresAt).toBe('2026-03-09T12:00:00.000Z');
      expect(JSON.stringify(res.body)).not.toMatch(/token/i);

      const key = `invitation:${res.body.id}`;
      await delivered(key);
      const mail = await outboxRow(key);
      expect(mail).toMatchObject({ kind: 'invitation', toAddress: to });
      expect(mail.textBody).toMatch(/invited you to R2C Tracker/);
      expect(mail.textBody).toMatch(/expires on 2026-03-09 12:00 UTC/);
      expect(mail.textBody).toMatch(/You get this email because/);
      const token = await tokenIn(key, 'accept-invitation');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // Only the token's hash is stored.
      const row = await db.getRepository(Invitation).findOneByOrFail({ id: res.body.id });
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(token);

      const accepted = await anyone().post('/api/v1/invitations/accept', { token, password: NEW_PASSWORD }).expect(200);
      expect(accepted.body).toMatchObject({ accessToken: expect.any(String), user: { email: to, name: 'Maria Lopez', role: 'librarian', active: true } });
      const me = await c.as(accepted.body.accessToken).get('/api/v1/me').expect(200);
      expect(me.body.memberships).toEqual([expect.objectContaining({ initiativeId, role: 'librarian' })]);
      await c.login(to, NEW_PASSWORD);
      const audit = await db.getRepository(AuditEntry).find({ where: { entityId: accepted.body.user.id } });
      expect(audit.map((a) => a.action).sort()).toEqual(['accept_invitation', 'create']);
      expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
      expect(await db.getRepository(AuditEntry).countBy({ entityType: 'invitation', entityId: res.body.id, action: 'create' })).toBe(1);
    });

    it('refuses a used link with 400 saying it was used', async () => {
      const { token } = await invite({ email: email('used'), name: 'Used Once', role: 'subscriber' });
      await anyone().post('/api/v1/invitations/accept', { token, password: NEW_PASSWORD }).expect(200);
      const again = await anyone().post('/api/v1/invitations/accept', { token, password: NEW_PASSWORD }).expect(400);
      expect(again.body.message).toMatch(/^This invitation was already used on 2026-03-\d\d \d\d:\d\d UTC/);
    });

    it('two accepts of one link at the same moment: one account, and the other told the link was used', async () => {
      const to = email('twice');
      const { token } = await invite({ email: to, name: 'Clicked Twice', role: 'subscriber' });
      const answers = await Promise.all([1, 2].map(() => anyone().post('/api/v1/invitations/accept', { token, password: NEW_PASSWORD })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
      expect(answers.find((a) => a.status === 400)!.body.message).toMatch(/^This invitation was already used on/);
      expect(await db.getRepository(User).countBy({ email: to })).toBe(1);
    });

    it('two resets with one link at the same moment: one new password, and the other told the link was used', async () => {
      const p = await c.person('coach');
      await anyone().post('/api/v1/auth/password-reset', { email: p.email }).expect(202);
      const reset = await db.getRepository(PasswordReset).findOneByOrFail({ userId: p.id });
      const token = await tokenIn(`password-reset:${reset.id}`, 'reset-password');
      const passwords = [NEW_PASSWORD, `${NEW_PASSWORD}-other`];
      const answers = await Promise.all(passwords.map((password) => anyone().post('/api/v1/auth/password-reset/confirm', { token, password })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
      expect(answers.find((a) => a.status === 400)!.body.message).toMatch(/^This password reset link was already used on/);
      await c.login(p.email, passwords[answers.findIndex((a) => a.status === 200)]);
    });

    it('inviting a pending email again sends a new link and voids the old one, which says it was replaced', async () => {
      const to = email('again');
      const first = await invite({ email: to, name: 'Asked Twice', role: 'coach' });
      const second = await invite({ email: to, name: 'Asked Twice', role: 'coach' });
      expect(second.token).not.toBe(first.token);
      const list = await admin().get('/api/v1/invitations?limit=100').expect(200);
      expect(list.body.items.filter((i: { email: string }) => i.email === to).map((i: { id: string }) => i.id)).toEqual([second.id]);
      const old = await anyone().post('/api/v1/invitations/accept', { token: first.token, password: NEW_PASSWORD }).expect(400);
      expect(old.body.message).toMatch(/^This invitation was replaced by a newer one/);
      await anyone().post('/api/v1/invitations/accept', { token: second.token, password: NEW_PASSWORD }).expect(200);
    });

    it('lists pending invitations paged, and a revoked link says it was revoked', async () => {
      const { id, token } = await invite({ email: email('revoked'), name: 'Not Any More', role: 'subscriber' });
      await invite({ email: email('pending'), name: 'Still Pending', role: 'subscriber' });
      const list = await admin().get('/api/v1/invitations?limit=1').expect(200);
      expect(list.body).toEqual({ items: [expect.objectContaining({ status: 'pending', expired: false })], total: expect.any(Number) });
      expect(list.body.total).toBeGreaterThan(1);
      const all = await admin().get('/api/v1/invitations?limit=100').expect(200);
      expect(all.body.items).toContainEqual(expect.objectContaining({ id, status: 'pending' }));
      await admin().delete(`/api/v1/invitations/${id}`).expect(204);
      await admin().delete(`/api/v1/invitations/${id}`).expect(409);
      const refused = await anyone().post('/api/v1/invitations/accept', { token, password: NEW_PASSWORD }).expect(400);
      expect(refused.body.message).toMatch(/^This invitation was revoked on .*ask them for a new one/);
      const after = await admin().get('/api/v1/invitations?limit=100').expect(200);
      expect(after.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    });

    it('refuses an expired link with 400 saying when it expired', async () => {
      const { token } = await invite({ email: email('late'), name: 'Too Late', role: 'subscriber' });
      clock.advance(7 * DAY + 1000);
      try {
        const refused = await anyone().post('/api/v1/invitations/accept', { token, password: NEW_PASSWORD }).expect(400);
        expect(refused.body.message).toMatch(/^This invitation expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC: ask the programme staff for a new one/);
      } finally {
        clock.advance(-(7 * DAY + 1000));
      }
    });

    it('refuses with 409 an email that already has an active account', async () => {
      const p = await c.person('librarian');
      const res = await admin().post('/api/v1/invitations', { email: p.email, name: 'Someone', role: 'librarian' }).expect(409);
      expect(res.body.message).toMatch(/already has an active account/);
    });

    it('completes an account that has no password (an imported subscriber): password, role and membership set, memberships the role cannot hold ended', async () => {
      const { initiativeId } = await c.pilot();
      const to = email('imported');
      const id = '0b5a0d8e-3f1c-4c53-9d53-6a6f1c1e0a01';
      const now = new Date('2026-03-01T00:00:00Z');
      await db.getRepository(User).insert({
        id,
        email: to,
        name: 'Imported Reader',
        role: 'subscriber',
        passwordHash: NO_PASSWORD,
        active: true,
        tokenVersion: 0,
        createdAt: now,
        updatedAt: now,
      });
      await anyone().post('/api/v1/auth/login', { email: to, password: NO_PASSWORD }).expect(401);
      const other = await c.pilot();
      await db.getRepository(Membership).insert({ initiativeId: other.initiativeId, userId: id, role: 'librarian', createdAt: now }); // as an import could hold
      const { token } = await invite({ email: to, name: 'Imported Reader', role: 'coach', initiativeId, memberRole: 'coach' });
      const res = await anyone().post('/api/v1/invitations/accept', { token, password: NEW_PASSWORD }).expect(200);
      expect(res.body.user).toMatchObject({ id, role: 'coach' });
      expect(await db.getRepository(Membership).findOneBy({ initiativeId, userId: id })).toMatchObject({ role: 'coach' });
      expect(await db.getRepository(Membership).findOneBy({ initiativeId: other.initiativeId, userId: id })).toBeNull(); // a coach holds no librarian membership
      await c.login(to, NEW_PASSWORD);
    });

    it('refuses a membership that does not fit the role, and a weak password, with 400', async () => {
      const { initiativeId } = await c.pilot();
      const misfit = await admin()
        .post('/api/v1/invitations', { email: email('misfit'), name: 'Misfit', role: 'librarian', initiativeId, memberRole: 'coach' })
        .expect(400);
      expect(misfit.body.details).toEqual([{ field: 'memberRole', problems: [expect.stringMatching(/librarian account cannot be a coach/)] }]);
      await admin()
        .post('/api/v1/invitations', { email: email('sub'), name: 'Sub', role: 'subscriber', initiativeId })
        .expect(400);
      const { token } = await invite({ email: email('weak'), name: 'Weak Password', role: 'subscriber' });
      const weak = await anyone().post('/api/v1/invitations/accept', { token, password: 'aaaaaaaaaa' }).expect(400);
      expect(weak.body.details[0].field).toBe('password');
      await anyone().post('/api/v1/invitations/accept', { token, password: NEW_PASSWORD }).expect(200); // still usable
    });

    it('refuses hostile input with 400: unknown fields, a bad email, a malformed token', async () => {
      await admin().post('/api/v1/invitations', { email: 'not-an-email', name: 'X', role: 'subscriber' }).expect(400);
      await admin()
        .post('/api/v1/invitations', { email: email('extra'), name: 'X', role: 'subscriber', isAdmin: true })
        .expect(400);
      await admin()
        .post('/api/v1/invitations', { email: email('role'), name: 'X', role: 'root' })
        .expect(400);
      await anyone().post('/api/v1/invitations/accept', { token: "' OR 1=1 --", password: NEW_PASSWORD }).expect(400);
      await anyone()
        .post('/api/v1/invitations/accept', { token: 'A'.repeat(43), password: NEW_PASSWORD, role: 'admin' })
        .expect(400);
      const unknown = await anyone()
        .post('/api/v1/invitations/accept', { token: 'A'.repeat(43), password: NEW_PASSWORD })
        .expect(400);
      expect(unknown.body.message).toMatch(/^This invitation link is not valid/);
      await anyone().post('/api/v1/auth/password-reset', { email: 'nobody' }).expect(400);
      await anyone()
        .post('/api/v1/auth/password-reset', { email: email('x'), extra: 1 })
        .expect(400);
      await anyone().post('/api/v1/auth/password-reset/confirm', { token: 'short', password: NEW_PASSWORD }).expect(400);
      await admin().delete('/api/v1/invitations/not-a-uuid').expect(400);
    });
  });

  describe('password reset', () => {
    it('answers a known and an unknown email alike; only the known one gets a link, which signs in and ends every older token', async () => {
      const p = await c.person('librarian');
      const second = await c.login(p.email);
      const stranger = email('stranger');
      const known = await anyone().post('/api/v1/auth/password-reset', { email: p.email.toUpperCase() }).expect(202);
      const unknown = await anyone().post('/api/v1/auth/password-reset', { email: stranger }).expect(202);
      expect(unknown.body).toEqual(known.body);

      const reset = await db.getRepository(PasswordReset).findOneByOrFail({ userId: p.id });
      const key = `password-reset:${reset.id}`;
      await delivered(key);
      const mail = await outboxRow(key);
      expect(mail.textBody).toMatch(/expires on 2026-03-\d\d \d\d:\d\d UTC \(one hour/);
      expect(await db.getRepository(OutboxMessage).countBy({ toAddress: stranger })).toBe(0);
      expect(smtp.to(stranger)).toHaveLength(0);

      const token = await tokenIn(key, 'reset-password');
      const res = await anyone().post('/api/v1/auth/password-reset/confirm', { token, password: NEW_PASSWORD }).expect(200);
      expect(res.body).toMatchObject({ accessToken: expect.any(String), user: { id: p.id } });
      await c.as(res.body.accessToken).get('/api/v1/me').expect(200);
      await c.as(p.token).get('/api/v1/me').expect(401);
      await c.as(second).get('/api/v1/me').expect(401);
      await anyone().post('/api/v1/auth/login', { email: p.email, password: PASSWORD }).expect(401);
      await c.login(p.email, NEW_PASSWORD);

      const used = await anyone().post('/api/v1/auth/password-reset/confirm', { token, password: NEW_PASSWORD }).expect(400);
      expect(used.body.message).toMatch(/^This password reset link was already used on/);
      const audit = await db.getRepository(AuditEntry).findBy({ entityId: p.id, action: 'password_reset' });
      expect(audit).toHaveLength(1);
    });

    it('refuses an expired link (one hour) and a replaced one with 400 saying which', async () => {
      const p = await c.person('coach');
      await anyone().post('/api/v1/auth/password-reset', { email: p.email }).expect(202);
      const first = await db.getRepository(PasswordReset).findOneByOrFail({ userId: p.id });
      const firstToken = await tokenIn(`password-reset:${first.id}`, 'reset-password');
      await anyone().post('/api/v1/auth/password-reset', { email: p.email }).expect(202);
      const second = (await db.getRepository(PasswordReset).find({ where: { userId: p.id, status: 'pending' } }))[0];
      const secondToken = await tokenIn(`password-reset:${second.id}`, 'reset-password');
      const replaced = await anyone().post('/api/v1/auth/password-reset/confirm', { token: firstToken, password: NEW_PASSWORD }).expect(400);
      expect(replaced.body.message).toMatch(/replaced by a newer one/);
      clock.advance(HOUR + 1000);
      try {
        const expired = await anyone().post('/api/v1/auth/password-reset/confirm', { token: secondToken, password: NEW_PASSWORD }).expect(400);
        expect(expired.body.message).toMatch(/^This password reset link expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC: ask for a new one/);
      } finally {
        clock.advance(-(HOUR + 1000));
      }
      await c.login(p.email, PASSWORD); // the password stayed
    });

    it('a deactivated account gets the same answer and no email, and cannot be invited again until reactivated', async () => {
      const p = await c.person('librarian');
      await admin().patch(`/api/v1/users/${p.id}`, { active: false }).expect(200);
      const res = await anyone().post('/api/v1/auth/password-reset', { email: p.email }).expect(202);
      expect(res.body).toEqual(
        (
          await anyone()
            .post('/api/v1/auth/password-reset', { email: email('nobody') })
            .expect(202)
        ).body,
      );
      expect(await db.getRepository(PasswordReset).countBy({ userId: p.id })).toBe(0);
      expect(await db.getRepository(OutboxMessage).countBy({ toAddress: p.email })).toBe(0);
      const invited = await admin().post('/api/v1/invitations', { email: p.email, name: 'Gone Quiet', role: 'librarian' }).expect(409);
      expect(invited.body.message).toMatch(/already has an account, which is deactivated: reactivate it/);
    });

    it('throttles requests per email address with 429, known or not', async () => {
      const p = await c.person('subscriber');
      const stranger = email('flood');
      for (let i = 0; i < 3; i++) {
        await anyone().post('/api/v1/auth/password-reset', { email: p.email }).expect(202);
        await anyone().post('/api/v1/auth/password-reset', { email: stranger }).expect(202);
      }
      const a = await anyone().post('/api/v1/auth/password-reset', { email: p.email }).expect(429);
      const b = await anyone().post('/api/v1/auth/password-reset', { email: stranger }).expect(429);
      expect(a.body.message).toBe(b.body.message);
    });
  });

  describe('checking a link before choosing a password', () => {
    const checkInvitation = (token: unknown) => anyone().post('/api/v1/invitations/check', { token });
    const acceptInvitation = (token: string) => anyone().post('/api/v1/invitations/accept', { token, password: NEW_PASSWORD });
    const checkReset = (token: unknown) => anyone().post('/api/v1/auth/password-reset/check', { token });
    const confirmReset = (token: string) => anyone().post('/api/v1/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    const resetLinkFor = async (userId: string) => {
      const reset = (await db.getRepository(PasswordReset).find({ where: { userId, status: 'pending' } }))[0];
      return tokenIn(`password-reset:${reset.id}`, 'reset-password');
    };
    /** The check and the spending route answer the same 400, naming token, for a link that cannot be used. */
    const sameRefusal = async (check: { status: number; body: unknown }, spend: { status: number; body: unknown }, words: RegExp) => {
      expect(check.status).toBe(400);
      expect(check.body).toEqual(spend.body);
      expect(spend.status).toBe(400);
      expect(check.body).toMatchObject({ message: expect.stringMatching(words), details: [expect.objectContaining({ field: 'token' })] });
    };

    it('answers who an invitation is for and the initiative they join, without using the link up', async () => {
      const { libraryId } = await c.pilot();
      const initiativeId = await c.initiative(libraryId);
      const title = (await admin().get(`/api/v1/initiatives/${initiativeId}`).expect(200)).body.title;
      const to = email('rosa');
      const { id, token } = await invite({ email: to, name: 'Rosa Diaz', role: 'coach', initiativeId });
      const first = await checkInvitation(token).expect(200);
      expect(first.body).toEqual({
        email: to,
        name: 'Rosa Diaz',
        role: 'coach',
        expiresAt: '2026-03-09T12:00:00.000Z',
        initiativeTitle: title,
        memberRole: 'coach',
      });
      await checkInvitation(token).expect(200);
      expect(await db.getRepository(Invitation).findOneByOrFail({ id })).toMatchObject({ status: 'pending', userId: null });
      await acceptInvitation(token).expect(200);
      await sameRefusal(await checkInvitation(token), await acceptInvitation(token), /^This invitation was already used on/);

      const plain = await invite({ email: email('plain'), name: 'No Initiative', role: 'subscriber' });
      const alone = await checkInvitation(plain.token).expect(200);
      expect(alone.body).toEqual({ email: expect.any(String), name: 'No Initiative', role: 'subscriber', expiresAt: expect.any(String) });
    });

    it('refuses a replaced, revoked or expired invitation with the same 400 as accepting', async () => {
      const to = email('checked-again');
      const replaced = await invite({ email: to, name: 'Asked Twice', role: 'subscriber' });
      await invite({ email: to, name: 'Asked Twice', role: 'subscriber' });
      await sameRefusal(await checkInvitation(replaced.token), await acceptInvitation(replaced.token), /^This invitation was replaced by a newer one/);

      const revoked = await invite({ email: email('checked-revoked'), name: 'Not Any More', role: 'subscriber' });
      await admin().delete(`/api/v1/invitations/${revoked.id}`).expect(204);
      await sameRefusal(await checkInvitation(revoked.token), await acceptInvitation(revoked.token), /^This invitation was revoked on/);

      const late = await invite({ email: email('checked-late'), name: 'Too Late', role: 'subscriber' });
      clock.advance(7 * DAY + 1000);
      try {
        await sameRefusal(await checkInvitation(late.token), await acceptInvitation(late.token), /^This invitation expired on/);
      } finally {
        clock.advance(-(7 * DAY + 1000));
      }
    });

    it('answers the email a reset link is for without using it up; a used, replaced or expired one gets the same 400 as confirming', async () => {
      const p = await c.person('librarian');
      await anyone().post('/api/v1/auth/password-reset', { email: p.email }).expect(202);
      const token = await resetLinkFor(p.id);
      const checked = await checkReset(token).expect(200);
      expect(checked.body).toEqual({ email: p.email, expiresAt: '2026-03-02T13:00:00.000Z' });
      await c.login(p.email, PASSWORD); // the check changed nothing
      await confirmReset(token).expect(200);
      await sameRefusal(await checkReset(token), await confirmReset(token), /^This password reset link was already used on/);

      const q = await c.person('coach');
      await anyone().post('/api/v1/auth/password-reset', { email: q.email }).expect(202);
      const older = await resetLinkFor(q.id);
      await anyone().post('/api/v1/auth/password-reset', { email: q.email }).expect(202);
      await sameRefusal(await checkReset(older), await confirmReset(older), /replaced by a newer one/);
      const newer = await resetLinkFor(q.id);
      clock.advance(HOUR + 1000);
      try {
        await sameRefusal(await checkReset(newer), await confirmReset(newer), /^This password reset link expired on/);
      } finally {
        clock.advance(-(HOUR + 1000));
      }
    });

    it('refuses the reset link of an account deactivated since, as confirming does', async () => {
      const p = await c.person('librarian');
      await anyone().post('/api/v1/auth/password-reset', { email: p.email }).expect(202);
      const token = await resetLinkFor(p.id);
      await admin().patch(`/api/v1/users/${p.id}`, { active: false }).expect(200);
      await sameRefusal(await checkReset(token), await confirmReset(token), /^This account was deactivated after the link was sent/);
    });

    it('refuses an unknown token and a bad body with 400 naming token', async () => {
      await sameRefusal(await checkInvitation('A'.repeat(43)), await acceptInvitation('A'.repeat(43)), /^This invitation link is not valid/);
      await sameRefusal(await checkReset('A'.repeat(43)), await confirmReset('A'.repeat(43)), /^This password reset link is not valid/);
      for (const path of ['/api/v1/invitations/check', '/api/v1/auth/password-reset/check']) {
        for (const body of [{}, { token: 'short' }, { token: 42 }, { token: "' OR 1=1 --" }]) {
          const res = await anyone().post(path, body).expect(400);
          expect(res.body.details).toEqual([expect.objectContaining({ field: 'token' })]);
        }
        const extra = await anyone()
          .post(path, { token: 'A'.repeat(43), password: NEW_PASSWORD })
          .expect(400);
        expect(extra.body.details).toEqual([expect.objectContaining({ field: 'password' })]);
      }
    });

    it('throttles link checks per client address with 429, and a good link is still accepted after', async () => {
      const { token } = await invite({ email: email('flooded'), name: 'Flooded Out', role: 'subscriber' });
      try {
        const answers: number[] = [];
        for (let i = 0; i < 70; i++) answers.push((await (i % 2 ? checkReset('A'.repeat(43)) : checkInvitation('A'.repeat(43)))).status);
        expect(answers.filter((status) => status === 429).length).toBeGreaterThan(0);
        const refused = await checkInvitation(token).expect(429);
        expect(refused.body.message).toMatch(/^Too many links were checked from this network/);
        await acceptInvitation(token).expect(200);
      } finally {
        await db.query("DELETE FROM login_throttle WHERE bucket LIKE 'link-check:%'");
      }
    });
  });

  it('sends exactly one email per invitation and per reset, even when the relay runs twice', async () => {
    const to = email('once');
    const { id } = await invite({ email: to, name: 'Only Once', role: 'subscriber' });
    const p = await c.person('librarian');
    await anyone().post('/api/v1/auth/password-reset', { email: p.email }).expect(202);
    const reset = await db.getRepository(PasswordReset).findOneByOrFail({ userId: p.id });
    const keys = [`invitation:${id}`, `password-reset:${reset.id}`];
    for (const key of keys) await delivered(key);
    const relay = t.app.get(OutboxRelay);
    await relay.kick();
    await relay.kick();
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const key of keys) {
      expect(smtp.received.filter((m) => m.key === key)).toHaveLength(1);
      expect(await db.getRepository(OutboxMessage).countBy({ idempotencyKey: key })).toBe(1);
    }
  });
});
