import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource, Not } from 'typeorm';
import { AuditEntry } from '@r2c/access/entities';
import { FixedClock } from '@r2c/core';
import { QueueName } from '@r2c/jobs';
import { DailyReviewEmails } from '@r2c/notifications';
import { Notification } from '@r2c/notifications/entities';
import { OutboxMessage } from '@r2c/notify/entities';
import { DAILY_REVIEW_EMAILS_SCHEDULER_ID } from '@r2c/workers';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { waitFor } from './support/ports';
import { TestRedis } from './support/redis-server';
import { ReceivedMail, TestSmtp } from './support/smtp-server';
import { startTestApp, TestApp } from './support/test-app';

const APP_URL = 'https://r2c.example.org';
const CHANGES_NOTE = 'Please add the numbers from the school visit before I approve.';
const SECOND_CHANGES_NOTE = 'The reflection should say what the families told you.';
const COMMENT_NOTE = 'The Saturday numbers look strong.';
const APPROVAL_NOTE = 'Great work with the school';

describe('review notifications: the review loop tells people, once per event', () => {
  let redis: TestRedis;
  let smtp: TestSmtp;
  let t: TestApp;
  let c: Coalition;
  const clock = new FixedClock(new Date('2026-03-16T14:00:00Z'));
  let initiativeId: string;
  let cycleId: string;
  /** Librarians: one wants each email at once, one a daily list. Coaches: two at once, one wants none. */
  let librarian: Person;
  let dailyLibrarian: Person;
  let coach: Person;
  let secondCoach: Person;
  let quietCoach: Person;
  let outsider: Person;

  const ds = () => t.app.get(DataSource);
  const as = (p: Person) => c.as(p.token);
  const nameOf = async (p: Person): Promise<string> => (await as(p).get('/api/v1/me').expect(200)).body.name;
  const minutes = (n: number) => clock.set(new Date(clock.now().getTime() + n * 60_000).toISOString());

  // nodemailer may fold a long header over lines and spells it X-R2c-Key: unfold, match without case.
  const keyOf = (mail: ReceivedMail) =>
    mail.raw
      .split(/\r?\n\r?\n/)[0]
      .replace(/\r?\n[ \t]+/g, '')
      .match(/^X-R2C-Key:[ \t]*(.*)$/im)?.[1]
      ?.trim() ?? '';
  /** What was sent under the mail's key, as the outbox stored it (the SMTP copy is encoded). */
  const storedOf = (mail: ReceivedMail) =>
    ds()
      .getRepository(OutboxMessage)
      .findOneByOrFail({ idempotencyKey: keyOf(mail) });
  const bodyOf = async (mail: ReceivedMail) => {
    const stored = await storedOf(mail);
    return `${stored.textBody}\n${stored.htmlBody ?? ''}`;
  };
  const subjectOf = async (mail: ReceivedMail) => (await storedOf(mail)).subject;
  const mailsTo = (p: Person, prefix: string) => smtp.to(p.email).filter((m) => keyOf(m).startsWith(prefix));
  const reviewMailsTo = (p: Person) => mailsTo(p, 'review:');
  /** Waits until the outbox has sent everything it holds, so a count that must stay at zero is read after the fact. */
  const settled = () =>
    waitFor(
      async () =>
        (await ds()
          .getRepository(OutboxMessage)
          .count({ where: { status: Not('sent') } })) === 0,
      20000,
      'the outbox to send everything',
    );
  const eventId = async (action: string, entityType: 'cycle' | 'review', nth = 0) => {
    const rows = await ds()
      .getRepository(AuditEntry)
      .find({ where: { action, entityType, initiativeId }, order: { at: 'ASC', id: 'ASC' } });
    return rows[nth].id;
  };

  const move = async (to: string) => {
    minutes(1);
    await as(librarian).post(`/api/v1/cycles/${cycleId}/transitions`, { to }).expect(200);
  };
  const review = async (by: Person, body: object) => {
    minutes(1);
    return as(by).post(`/api/v1/cycles/${cycleId}/reviews`, body).expect(201);
  };

  beforeAll(async () => {
    redis = await new TestRedis().start();
    smtp = await new TestSmtp().start();
    t = await startTestApp({ env: { ...ADMIN_ENV, SMTP_URL: smtp.url, APP_URL, OUTBOX_POLL_MS: '100', MAIL_BACKOFF_MS: '50' }, redis, clock });
    c = new Coalition(t);
    await c.signInAdmin();
    const pilot = await c.pilot();
    initiativeId = pilot.initiativeId;
    librarian = pilot.librarian;
    coach = pilot.coach;
    dailyLibrarian = await c.person('librarian');
    secondCoach = await c.person('coach');
    quietCoach = await c.person('coach');
    await c.member(initiativeId, dailyLibrarian, 'librarian');
    await c.member(initiativeId, secondCoach, 'coach');
    await c.member(initiativeId, quietCoach, 'coach');
    const elsewhere = await c.pilot();
    outsider = elsewhere.coach;
    await as(dailyLibrarian).put('/api/v1/me/notification-settings', { reviewEmails: 'daily' }).expect(200);
    await as(quietCoach).put('/api/v1/me/notification-settings', { reviewEmails: 'off' }).expect(200);

    const attendance = (
      await as(librarian).post(`/api/v1/initiatives/${initiativeId}/indicators`, { templateKey: 'attendance', baseline: 12, target: 18 }).expect(201)
    ).body.id;
    cycleId = (
      await as(librarian)
        .post(`/api/v1/initiatives/${initiativeId}/cycles`, { title: 'Bilingual welcome', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' })
        .expect(201)
    ).body.id;
    await as(librarian)
      .put(`/api/v1/cycles/${cycleId}/hypothesis`, {
        statement: 'If volunteers greet newcomer families in Spanish and Dari at the door, then more of them will come back, because they will feel expected.',
        expectedOutcome: 'Attendance rises from 12 to 18',
        rationale: 'Families told us they were unsure they were welcome.',
        indicatorIds: [attendance],
      })
      .expect(200);
    await move('adaptation');
    await as(librarian)
      .put(`/api/v1/cycles/${cycleId}/adaptation`, { description: 'Two volunteers greet families at the door.', implementedOn: '2026-03-09' })
      .expect(200);
    await move('evidence');
    await as(librarian)
      .post(`/api/v1/cycles/${cycleId}/evidence`, { kind: 'measurement', indicatorId: attendance, value: 17, observedOn: '2026-03-14', method: 'sign_in' })
      .expect(201);
    await move('reflection');
    await as(librarian)
      .put(`/api/v1/cycles/${cycleId}/reflection`, {
        outcome: 'supported',
        insights: 'Attendance rose.',
        decision: 'continue',
        nextSteps: 'Keep the greeters.',
      })
      .expect(200);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await redis?.destroy();
  });

  it('settings: immediately by default, and a bad choice is a 400 naming reviewEmails', async () => {
    expect((await as(librarian).get('/api/v1/me/notification-settings').expect(200)).body).toEqual({ reviewEmails: 'immediately' });
    expect((await as(dailyLibrarian).get('/api/v1/me/notification-settings').expect(200)).body).toEqual({ reviewEmails: 'daily' });
    const bad = await as(librarian).put('/api/v1/me/notification-settings', { reviewEmails: 'weekly' }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'reviewEmails', problems: ['reviewEmails must be one of immediately, daily, off'] }]);
    const missing = await as(librarian).put('/api/v1/me/notification-settings', {}).expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['reviewEmails']);
    const extra = await as(librarian).put('/api/v1/me/notification-settings', { reviewEmails: 'off', userId: coach.id }).expect(400);
    expect(extra.body.details.map((d: { field: string }) => d.field)).toEqual(['userId']);
    expect((await as(librarian).get('/api/v1/me/notification-settings').expect(200)).body).toEqual({ reviewEmails: 'immediately' });
    await c.as('').get('/api/v1/me/notification-settings').expect(401);
  });

  it('sending the cycle for review emails each coach who wants it once, with a link to the review screen', async () => {
    await move('review');
    const event = await eventId('transition:review', 'cycle');
    await waitFor(async () => reviewMailsTo(coach).length >= 1 && reviewMailsTo(secondCoach).length >= 1, 20000, 'the coaches’ emails');
    await settled();
    for (const p of [coach, secondCoach]) {
      const mails = reviewMailsTo(p);
      expect(mails.map(keyOf)).toEqual([`review:${event}:${p.id}`]);
      const text = await bodyOf(mails[0]);
      expect(await subjectOf(mails[0])).toContain('Ready for your review');
      expect(text).toContain(`${APP_URL}/cycles/${cycleId}/review`);
      expect(text).toContain(`${await nameOf(librarian)} sent cycle 1`);
      expect(text).toContain('approve it, request changes or comment');
      expect(text).toContain('You receive this because you are the coach of');
    }
    for (const p of [quietCoach, librarian, dailyLibrarian, outsider]) expect(reviewMailsTo(p)).toEqual([]);
  });

  it('requesting changes emails the librarians (not the daily one yet) with the coach’s note and the phase it went back to', async () => {
    await review(coach, { verdict: 'request_changes', body: CHANGES_NOTE, returnTo: 'evidence' });
    const event = await eventId('create', 'review', 0);
    await waitFor(async () => reviewMailsTo(librarian).length >= 1, 20000, 'the librarian’s email');
    await settled();
    const [mail] = reviewMailsTo(librarian);
    expect(reviewMailsTo(librarian).map(keyOf)).toEqual([`review:${event}:${librarian.id}`]);
    const text = await bodyOf(mail);
    expect(await subjectOf(mail)).toContain('Changes requested');
    expect(text).toContain(CHANGES_NOTE);
    expect(text).toContain(`${await nameOf(coach)} asked for changes`);
    expect(text).toContain('back to the evidence phase');
    expect(text).toContain('send the cycle for review again');
    expect(text).toContain(`${APP_URL}/cycles/${cycleId}`);
    expect(reviewMailsTo(dailyLibrarian)).toEqual([]);
    for (const p of [coach, secondCoach, quietCoach]) expect(reviewMailsTo(p)).toHaveLength(p === quietCoach ? 0 : 1);
  });

  it('a resubmission (round 2) is a new event: the coaches are emailed again under a new key', async () => {
    await move('reflection');
    await move('review');
    const second = await eventId('transition:review', 'cycle', 1);
    await waitFor(async () => reviewMailsTo(coach).length >= 2 && reviewMailsTo(secondCoach).length >= 2, 20000, 'the round 2 emails');
    await settled();
    expect(reviewMailsTo(coach).map(keyOf)[1]).toBe(`review:${second}:${coach.id}`);
    expect(reviewMailsTo(quietCoach)).toEqual([]);
  });

  it('a comment goes to the librarians and coaches except its author', async () => {
    await review(coach, { verdict: 'comment', body: COMMENT_NOTE });
    const event = await eventId('create', 'review', 1);
    await waitFor(async () => reviewMailsTo(librarian).length >= 2 && reviewMailsTo(secondCoach).length >= 3, 20000, 'the comment emails');
    await settled();
    for (const p of [librarian, secondCoach]) {
      const last = reviewMailsTo(p).at(-1)!;
      expect(keyOf(last)).toBe(`review:${event}:${p.id}`);
      expect(await bodyOf(last)).toContain(COMMENT_NOTE);
    }
    // Each opens where they can act on it: the coach the review screen, the librarian the cycle.
    expect(await bodyOf(reviewMailsTo(secondCoach).at(-1)!)).toContain(`Open it: ${APP_URL}/cycles/${cycleId}/review`);
    expect(await bodyOf(reviewMailsTo(librarian).at(-1)!)).toContain(`Open it: ${APP_URL}/cycles/${cycleId}\n`);
    expect(
      reviewMailsTo(coach)
        .map(keyOf)
        .filter((k) => k.startsWith(`review:${event}`)),
    ).toEqual([]);
    expect(reviewMailsTo(quietCoach)).toEqual([]);
    expect(reviewMailsTo(dailyLibrarian)).toEqual([]);
  });

  it('approval sends the librarians one email, the summary, opening with the verdict and note; "off" still gets the summary', async () => {
    const reviewMailsBefore = new Map([librarian, dailyLibrarian, coach, secondCoach, quietCoach].map((p) => [p.id, reviewMailsTo(p).length]));
    await review(coach, { verdict: 'request_changes', body: SECOND_CHANGES_NOTE, returnTo: 'reflection' });
    await move('review');
    await review(coach, { verdict: 'approve', body: APPROVAL_NOTE });
    const members = [librarian, dailyLibrarian, coach, secondCoach, quietCoach];
    await waitFor(async () => members.every((p) => mailsTo(p, `summary:${cycleId}:1:`).length === 1), 30000, 'the summary emails');
    await settled();
    const summary = mailsTo(librarian, `summary:${cycleId}:1:`)[0];
    expect(await subjectOf(summary)).toMatch(/^Approved: /);
    const text = await bodyOf(summary);
    expect(text).toContain(`${APPROVAL_NOTE}`);
    expect(text.indexOf(APPROVAL_NOTE)).toBeLessThan(text.indexOf('Hypothesis'));
    expect(text).toContain(`${APP_URL}/cycles/${cycleId}/summary`);
    expect(text).toMatch(/approved this cycle on 2026-03-16/);
    expect(text).toContain(await nameOf(coach));
    // The coaches are linked to the summary too, as soon as it is compiled.
    for (const p of [coach, secondCoach]) expect(await bodyOf(mailsTo(p, `summary:${cycleId}:1:`)[0])).toContain(`${APP_URL}/cycles/${cycleId}/summary`);
    // The approval's only email is the summary: no review email for it, whatever the choice.
    const approvalEvent = await eventId('create', 'review', 3);
    for (const p of members) {
      expect(
        reviewMailsTo(p)
          .map(keyOf)
          .filter((k) => k.startsWith(`review:${approvalEvent}`)),
      ).toEqual([]);
    }
    // Since the comment: the second request for changes reached the librarian who wants each email, round 3 the coaches who do; nothing else.
    const added = members.map((p) => reviewMailsTo(p).length - reviewMailsBefore.get(p.id)!);
    expect(added).toEqual([1, 0, 1, 1, 0]);
    expect(mailsTo(quietCoach, 'summary:')).toHaveLength(1);
  });

  it('exactly one email per event and person, all told, and none for "off" or outsiders', async () => {
    await settled();
    const keys = smtp.received.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    // librarian: changes ×2 and the comment; coaches: two rounds... three submissions, plus the comment for the second coach
    expect(reviewMailsTo(librarian)).toHaveLength(3);
    expect(reviewMailsTo(coach)).toHaveLength(3);
    expect(reviewMailsTo(secondCoach)).toHaveLength(4);
    expect(reviewMailsTo(quietCoach)).toHaveLength(0);
    expect(reviewMailsTo(dailyLibrarian)).toHaveLength(0);
    expect(smtp.to(outsider.email)).toEqual([]);
    const rows = await ds()
      .getRepository(Notification)
      .find({ where: { cycleId }, order: { createdAt: 'ASC' } });
    expect(rows.filter((r) => r.userId === quietCoach.id).map((r) => r.kind)).toEqual(['review_requested', 'review_requested', 'comment', 'review_requested']);
  });

  it('the daily person gets one email at 09:00 listing the three events, and a rerun or a day with nothing sends nothing', async () => {
    expect(mailsTo(dailyLibrarian, 'review-daily:')).toEqual([]);
    const daily = t.app.get(DailyReviewEmails);
    clock.set('2026-03-17T13:00:00Z'); // 09:00 in New York (DIGEST_TIMEZONE's default)
    const first = await daily.run();
    expect(first).toMatchObject({ day: '2026-03-17', emailsAdded: 1 });
    expect((await daily.run()).emailsAdded).toBe(0);
    await waitFor(async () => mailsTo(dailyLibrarian, 'review-daily:').length >= 1, 20000, 'the daily email');
    await settled();
    const [list] = mailsTo(dailyLibrarian, 'review-daily:');
    expect(keyOf(list)).toBe(`review-daily:${dailyLibrarian.id}:2026-03-17`);
    expect(await subjectOf(list)).toContain('3 review updates');
    const text = await bodyOf(list);
    expect(text).toContain(CHANGES_NOTE);
    expect(text).toContain(COMMENT_NOTE);
    expect(text).toContain(SECOND_CHANGES_NOTE);
    expect(text.indexOf(CHANGES_NOTE)).toBeLessThan(text.indexOf(SECOND_CHANGES_NOTE));
    expect(smtp.to(dailyLibrarian.email).filter((m) => !keyOf(m).startsWith('summary:'))).toHaveLength(1);

    clock.set('2026-03-18T13:00:00Z');
    expect(await daily.run()).toMatchObject({ day: '2026-03-18', people: 0, emailsAdded: 0 });
    await settled();
    expect(mailsTo(dailyLibrarian, 'review-daily:')).toHaveLength(1);
  });

  it('registers the daily job at 09:00 in DIGEST_TIMEZONE', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Notifications));
    const scheduler = await waitFor(async () => queue.getJobScheduler(DAILY_REVIEW_EMAILS_SCHEDULER_ID), 10000, 'the scheduler');
    expect(scheduler).toMatchObject({ pattern: '0 9 * * *', tz: 'America/New_York' });
  });

  it('the inbox holds every event, newest first, with counts, paged like other lists', async () => {
    const inbox = (await as(librarian).get('/api/v1/me/notifications').expect(200)).body;
    expect(inbox).toMatchObject({ total: 4, unread: 4 });
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toEqual(['approved', 'changes_requested', 'comment', 'changes_requested']);
    expect(inbox.items[0]).toEqual({
      id: expect.any(String),
      kind: 'approved',
      cycleId,
      initiativeId,
      title: expect.stringContaining('Approved'),
      body: expect.stringContaining(APPROVAL_NOTE),
      createdAt: expect.any(String),
      readAt: null,
    });
    const page = (await as(librarian).get('/api/v1/me/notifications?limit=2&offset=1').expect(200)).body;
    expect(page.items.map((n: { id: string }) => n.id)).toEqual(inbox.items.slice(1, 3).map((n: { id: string }) => n.id));
    expect(page).toMatchObject({ total: 4, unread: 4 });
    const bad = await as(librarian).get('/api/v1/me/notifications?limit=0').expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['limit']);
    const coachInbox = (await as(coach).get('/api/v1/me/notifications').expect(200)).body;
    expect(coachInbox.items.map((n: { kind: string }) => n.kind)).toEqual(['review_requested', 'review_requested', 'review_requested']);
    expect((await as(outsider).get('/api/v1/me/notifications').expect(200)).body).toEqual({ items: [], total: 0, unread: 0 });
  });

  it('marks read the ones named, never another person’s, and all when ids is left out', async () => {
    const mine = (await as(librarian).get('/api/v1/me/notifications').expect(200)).body.items;
    const theirs = (await as(coach).get('/api/v1/me/notifications').expect(200)).body.items;
    await as(librarian)
      .post('/api/v1/me/notifications/read', { ids: [mine[0].id, theirs[0].id] })
      .expect(204);
    const after = (await as(librarian).get('/api/v1/me/notifications').expect(200)).body;
    expect(after).toMatchObject({ total: 4, unread: 3 });
    expect(after.items[0].readAt).toEqual(expect.any(String));
    expect((await as(coach).get('/api/v1/me/notifications').expect(200)).body.unread).toBe(3);

    const bad = await as(librarian)
      .post('/api/v1/me/notifications/read', { ids: ['not-an-id'] })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['ids']);
    await as(librarian).post('/api/v1/me/notifications/read').expect(204);
    expect((await as(librarian).get('/api/v1/me/notifications').expect(200)).body.unread).toBe(0);
    expect((await as(coach).get('/api/v1/me/notifications').expect(200)).body.unread).toBe(3);
  });
});
