import { ADMIN_ENV, Coalition, PASSWORD, Person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const octets = (line: string) => Buffer.byteLength(line);
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('a personal calendar feed address (subscribe by URL)', () => {
  let t: TestApp;
  let c: Coalition;
  let pilot: { initiativeId: string; librarian: Person; coach: Person };
  let second: string;
  let elsewhere: string;
  const longTitle = 'Café bilingüe — tertulias intergeneracionales para familias recién llegadas y vecinos de siempre 📚';

  const pathOf = (url: string) => new URL(url).pathname;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV, withWorkers: false });
    c = new Coalition(t);
    await c.signInAdmin();
    pilot = await c.pilot({ title: longTitle });
    second = await c.initiative(await c.library());
    await c.member(second, pilot.librarian, 'librarian');
    elsewhere = (await c.pilot()).initiativeId;
  });
  afterAll(async () => t?.close());

  it('gives the same secret address each time and serves every initiative of the person without a sign-in header', async () => {
    const first = await c.as(pilot.librarian.token).get('/api/v1/me/calendar-feed').expect(200);
    expect(first.body.url).toMatch(/^http:\/\/.+\/api\/v1\/calendar-feeds\/[\w-]+\.ics$/);
    expect((await c.as(pilot.librarian.token).get('/api/v1/me/calendar-feed').expect(200)).body.url).toBe(first.body.url);

    const feed = await t.http().get(pathOf(first.body.url)).expect(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    const ics = feed.text;
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toMatch(/END:VCALENDAR\r\n$/);
    expect(ics).toContain(`UID:check-in-${pilot.initiativeId}-`);
    expect(ics).toContain(`UID:check-in-${second}-`);
    expect(ics).not.toContain(elsewhere);
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(unfold(ics)).toContain(`SUMMARY:Check-in due: ${longTitle}`);
  });

  it('is refused without a sign-in for the address itself, and a made-up address is 404', async () => {
    await t.http().get('/api/v1/me/calendar-feed').expect(401);
    await t.http().get('/api/v1/calendar-feeds/1_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics').expect(404);
    await t.http().get('/api/v1/calendar-feeds/not-a-feed.ics').expect(404);
  });

  it('stops the old address (404) when the person resets it, and the new one works', async () => {
    const old = (await c.as(pilot.coach.token).get('/api/v1/me/calendar-feed').expect(200)).body.url;
    await t.http().get(pathOf(old)).expect(200);
    const reset = await c.as(pilot.coach.token).post('/api/v1/me/calendar-feed/reset').expect(200);
    expect(reset.body.url).not.toBe(old);
    await t.http().get(pathOf(old)).expect(404);
    const fresh = await t.http().get(pathOf(reset.body.url)).expect(200);
    expect(fresh.text).toContain(`UID:check-in-${pilot.initiativeId}-`);
    expect((await c.as(pilot.coach.token).get('/api/v1/me/calendar-feed').expect(200)).body.url).toBe(reset.body.url);
  });

  it('escapes the calendar name and names the person', async () => {
    const email = 'rosa.diaz@library.test';
    await c.as(c.adminToken).post('/api/v1/users', { email, name: 'Rosa Díaz, Lakeshore; youth services', role: 'librarian', password: PASSWORD }).expect(201);
    const token = await c.login(email);
    const url = (await c.as(token).get('/api/v1/me/calendar-feed').expect(200)).body.url;
    const ics = unfold((await t.http().get(pathOf(url)).expect(200)).text);
    expect(ics).toContain('X-WR-CALNAME:R2C: Rosa Díaz\\, Lakeshore\\; youth services\r\n');
    expect(ics).not.toContain('BEGIN:VEVENT');
  });

  it('stops working for a deactivated account', async () => {
    const person = await c.person('librarian');
    await c.member(pilot.initiativeId, person, 'librarian');
    const url = (await c.as(person.token).get('/api/v1/me/calendar-feed').expect(200)).body.url;
    await t.http().get(pathOf(url)).expect(200);
    await c.as(c.adminToken).patch(`/api/v1/users/${person.id}`, { active: false }).expect(200);
    await t.http().get(pathOf(url)).expect(404);
  });
});
