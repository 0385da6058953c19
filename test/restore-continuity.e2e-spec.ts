import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuthService } from '@r2c/access';
import { User } from '@r2c/access/entities';
import { FixedClock } from '@r2c/core';
import { OutboxMessage } from '@r2c/notify/entities';
import { ReminderScan } from '@r2c/reminders';
import { builtApp } from './support/built';
import { ADMIN, ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { waitFor } from './support/ports';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';

const CLI = builtApp('apps/api/src/cli.js');
const NOW = new Date('2026-03-20T16:00:00Z');

/**
 * A coalition restored from its export.json into a new installation carries on where it was: no
 * reminder sent twice, no digest to someone who unsubscribed, approved summaries readable at once.
 */
describe('restore continuity: export.json into a new installation', () => {
  let before: TestApp;
  let after: TestApp | undefined;
  let c: Coalition;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  let unsubscribed: Person;
  let approvedCycle: string;
  const dir = mkdtempSync(join(tmpdir(), 'r2c-restore-'));
  const freshDataDir = join(dir, 'data');
  let freshDatabase: Awaited<ReturnType<typeof createTestDatabase>>;

  const sentTo = async (app: TestApp, kind: string) =>
    (await app.app.get(DataSource).getRepository(OutboxMessage).find({ where: { kind } })).map((m) => ({
      to: m.toAddress,
      status: m.status,
      key: m.idempotencyKey,
    }));

  beforeAll(async () => {
    before = await startTestApp({ env: ADMIN_ENV, clock: new FixedClock(NOW) });
    c = new Coalition(before);
    await c.signInAdmin();
    pilot = await c.pilot();
    unsubscribed = await c.person('subscriber');
    await c.as(unsubscribed.token).put('/api/v1/me/digest-preferences', { frequency: 'none' }).expect(200);

    const lib = c.as(pilot.librarian.token);
    const indicatorId = (await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance' }).expect(201)).body.id;
    approvedCycle = (
      await lib
        .post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, { title: 'Bilingual welcome', plannedStart: '2026-03-02', plannedEnd: '2026-04-13' })
        .expect(201)
    ).body.id;
    const move = (to: string) => lib.post(`/api/v1/cycles/${approvedCycle}/transitions`, { to }).expect(200);
    await lib
      .put(`/api/v1/cycles/${approvedCycle}/hypothesis`, {
        statement: 'If volunteers greet newcomer families in their own language, then more of them will come back, because they will feel expected.',
        expectedOutcome: 'Attendance rises from 12 to 18',
        indicatorIds: [indicatorId],
      })
      .expect(200);
    await move('adaptation');
    await lib
      .put(`/api/v1/cycles/${approvedCycle}/adaptation`, { description: 'Two volunteers greet families at the door.', implementedOn: '2026-03-03' })
      .expect(200);
    await move('evidence');
    await lib
      .post(`/api/v1/cycles/${approvedCycle}/evidence`, {
        kind: 'measurement',
        indicatorId,
        value: 16,
        observedOn: '2026-03-18',
        method: 'sign_in',
        sampleSize: 1,
      })
      .expect(201);
    await move('reflection');
    await lib
      .put(`/api/v1/cycles/${approvedCycle}/reflection`, {
        outcome: 'supported',
        insights: 'A welcome in one’s own language matters.',
        decision: 'scale',
        nextSteps: 'Saturdays.',
      })
      .expect(200);
    await move('review');
    await c.as(pilot.coach.token).post(`/api/v1/cycles/${approvedCycle}/reviews`, { verdict: 'approve', body: 'Approved.' }).expect(201);
    await waitFor(async () => (await lib.get(`/api/v1/cycles/${approvedCycle}/summary`)).status === 200, 20000, 'the compiled summary');

    // The check-in due on 16 March is overdue on the 20th: its reminders go out once.
    expect((await before.app.get(ReminderScan).run()).emailsAdded).toBeGreaterThan(0);
    await waitFor(async () => (await sentTo(before, 'reminder')).every((m) => m.status === 'sent'), 20000, 'the reminders sent');
  });
  afterAll(async () => {
    await after?.close();
    await before?.close();
    await freshDatabase?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries sent reminders, digest choices and compiled summaries, and the new installation repeats none of it', async () => {
    const document = (await c.as(c.adminToken).get('/api/v1/admin/export.json').expect(200)).body;
    const remindersSent = await sentTo(before, 'reminder');
    expect(document.counts).toMatchObject({ cycleSummaries: 1, sentReminders: remindersSent.length });
    expect(document.mailPreferences).toEqual(expect.arrayContaining([expect.objectContaining({ userId: unsubscribed.id, digestFrequency: 'none' })]));

    const file = join(dir, 'coalition.json');
    writeFileSync(file, JSON.stringify(document));
    freshDatabase = await createTestDatabase();
    const databaseEnv: Record<string, string> = freshDatabase.url ? { DATABASE_URL: freshDatabase.url } : {};
    const run = spawnSync(process.execPath, [CLI, 'import-export', file], {
      env: { ...process.env, DATA_DIR: freshDataDir, LOG_LEVEL: 'silent', REDIS_URL: '', DATABASE_URL: freshDatabase.url ?? '' },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    after = await startTestApp({ env: { DATA_DIR: freshDataDir, ...databaseEnv }, clock: new FixedClock(NOW) });
    // The same scan on the same day finds every reminder already sent.
    expect((await after.app.get(ReminderScan).run()).emailsAdded).toBe(0);
    expect(await sentTo(after, 'reminder')).toEqual(expect.arrayContaining(remindersSent));

    const admin = await after.app.get(DataSource).getRepository(User).findOneByOrFail({ email: ADMIN.email });
    const token = (await after.app.get(AuthService).issueFor(admin)).accessToken;
    const summary = await after.http().get(`/api/v1/cycles/${approvedCycle}/summary`).set('authorization', `Bearer ${token}`).expect(200);
    expect(JSON.stringify(summary.body)).toContain('Bilingual welcome');

    await after
      .http()
      .post('/api/v1/digests/run')
      .set('authorization', `Bearer ${token}`)
      .send({ periodStart: '2026-03-16', periodEnd: '2026-03-22' })
      .expect(202);
    await waitFor(
      async () => (await sentTo(after!, 'digest')).length > 0 && (await sentTo(after!, 'digest')).every((m) => m.status === 'sent'),
      30000,
      'the digest sent',
    );
    const digestTo = (await sentTo(after, 'digest')).map((m) => m.to);
    expect(digestTo).toContain(pilot.librarian.email);
    expect(digestTo).not.toContain(unsubscribed.email);
  });
});
