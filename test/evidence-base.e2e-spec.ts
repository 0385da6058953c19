import { AccessPolicy, Permission } from '@r2c/access';
import type { Role } from '@r2c/access';
import { FixedClock } from '@r2c/core';
import type { EvidenceBaseItem, EvidenceBasePage, StrategyTagView } from '@r2c/contracts';
import { ADMIN_ENV, Coalition, Person } from './support/fixtures';
import { closedCycle } from './support/learning-cycles';
import { startTestApp, TestApp } from './support/test-app';

type Pilot = Awaited<ReturnType<Coalition['pilot']>>;

/**
 * The coalition evidence base: closed cycles across pilots, found by words, decision, outcome,
 * indicator and strategy tag, and exactly the ones whose summary the caller may read.
 */
describe('evidence base', () => {
  let t: TestApp;
  let c: Coalition;
  let subscriber: Person;
  let sharing: Pilot;
  let closedOnly: Pilot;
  let private_: Pilot;
  let tags: StrategyTagView[];
  const ids: Record<string, string> = {};
  const tag = (name: string) => tags.find((x) => x.name === name)!.id;

  const search = async (who: Person | string, query = '') => {
    const token = typeof who === 'string' ? who : who.token;
    return (await c.as(token).get(`/api/v1/evidence-base${query}`).expect(200)).body as EvidenceBasePage;
  };
  const cycleIds = (page: EvidenceBasePage) => page.items.map((i) => i.cycleId).sort();
  const of = (...names: string[]) => names.map((n) => ids[n]).sort();

  beforeAll(async () => {
    t = await startTestApp({ withWorkers: false, env: ADMIN_ENV });
    c = new Coalition(t);
    await c.signInAdmin();
    (t.clock as FixedClock).set('2026-04-01T15:00:00Z');
    tags = (await c.as(c.adminToken).get('/api/v1/strategy-tags').expect(200)).body;
    subscriber = await c.person('subscriber');
    sharing = await c.pilot();
    closedOnly = await c.pilot();
    private_ = await c.pilot();
    await c.as(c.adminToken).put(`/api/v1/initiatives/${closedOnly.initiativeId}/digest-sharing`, { digestSharing: 'closed_cycles' }).expect(200);
    await c.as(c.adminToken).put(`/api/v1/initiatives/${private_.initiativeId}/digest-sharing`, { digestSharing: 'nothing' }).expect(200);

    ids.cafe = await closedCycle(c, sharing, {
      statement: 'If we hold a world café on Saturday mornings, then newcomers will talk with long-time residents, because small tables make it easy.',
      insights: 'Small tables of 4 worked; 100% of the tables mixed newcomers and residents.',
      decision: 'scale',
      outcome: 'supported',
      values: [10, 14, 16],
      tagIds: [tag('World café'), tag('Gathering design')],
    });
    (t.clock as FixedClock).set('2026-04-02T15:00:00Z');
    ids.coffee = await closedCycle(c, closedOnly, {
      statement: 'If we offer coffee & conversation before story time, then parents will stay and talk.',
      change: 'Coffee urn and two hosts in the lobby.',
      insights: 'Parents stayed when a host introduced them.',
      decision: 'adapt',
      outcome: 'partly_supported',
      tagIds: [tag('Coffee & conversation')],
    });
    (t.clock as FixedClock).set('2026-04-03T15:00:00Z');
    ids.secret = await closedCycle(c, private_, {
      statement: 'If we hold a world café for teens, then they will plan the summer with us.',
      decision: 'stop',
      outcome: 'not_supported',
      tagIds: [tag('World café')],
    });
    // An open cycle is never in the evidence base, whatever the sharing.
    await c
      .as(sharing.librarian.token)
      .post(`/api/v1/initiatives/${sharing.initiativeId}/cycles`, { title: 'Open one', plannedStart: '2026-04-06', plannedEnd: '2026-05-30' })
      .expect(201);
  }, 180_000);
  afterAll(() => t?.close());

  it('tells each closed cycle as hypothesis, what changed, what the evidence said (with n) and the decision, newest closed first, with a link to its summary', async () => {
    const page = await search(subscriber);
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.cycleId)).toEqual([ids.coffee, ids.cafe]);
    const cafe = page.items[1];
    expect(cafe).toMatchObject<Partial<EvidenceBaseItem>>({
      cycleNumber: 1,
      initiativeId: sharing.initiativeId,
      hypothesis: expect.stringContaining('world café'),
      change: 'Two volunteers greet families at the door.',
      outcome: 'supported',
      keyInsight: expect.stringContaining('Small tables'),
      decision: 'scale',
      summaryPath: `/cycles/${ids.cafe}/summary`,
    });
    expect(cafe.measurements).toEqual([{ indicatorName: expect.any(String), unit: expect.any(String), mean: 13.33, n: 3 }]);
    expect(cafe.tags.map((x) => x.name)).toEqual(['Gathering design', 'World café']);
  });

  it('finds words in the hypothesis, what changed and the insights, all words together, any case', async () => {
    expect(cycleIds(await search(subscriber, '?q=CAFÉ'))).toEqual(of('cafe'));
    expect(cycleIds(await search(subscriber, '?q=urn'))).toEqual(of('coffee'));
    expect(cycleIds(await search(subscriber, '?q=host%20introduced'))).toEqual(of('coffee'));
    expect(cycleIds(await search(subscriber, '?q=café%20urn'))).toEqual([]);
  });

  it('takes % and _ in a search as themselves', async () => {
    expect(cycleIds(await search(subscriber, '?q=100%25'))).toEqual(of('cafe'));
    expect(cycleIds(await search(subscriber, '?q=%25'))).toEqual(of('cafe'));
    expect(cycleIds(await search(subscriber, '?q=1%250'))).toEqual([]);
    expect(cycleIds(await search(subscriber, '?q=s_all'))).toEqual([]);
    expect(cycleIds(await search(subscriber, '?q=sm_ll'))).toEqual([]);
    expect(cycleIds(await search(subscriber, '?q=small'))).toEqual(of('cafe'));
  });

  it('filters by decision, outcome, indicator and tag (by id or name), and the filters combine', async () => {
    expect(cycleIds(await search(subscriber, '?decision=scale'))).toEqual(of('cafe'));
    expect(cycleIds(await search(subscriber, '?decision=adapt'))).toEqual(of('coffee'));
    expect(cycleIds(await search(subscriber, '?outcome=partly_supported'))).toEqual(of('coffee'));
    expect(cycleIds(await search(subscriber, '?indicatorKey=attendance'))).toEqual(of('cafe', 'coffee'));
    expect(cycleIds(await search(subscriber, '?indicatorKey=belonging'))).toEqual([]);
    expect(cycleIds(await search(subscriber, `?tag=${tag('Coffee & conversation')}`))).toEqual(of('coffee'));
    expect(cycleIds(await search(subscriber, `?tag=${encodeURIComponent('world café')}`))).toEqual(of('cafe'));
    expect(cycleIds(await search(subscriber, '?tag=World%20caf%C3%A9&decision=scale&q=tables'))).toEqual(of('cafe'));
    expect(cycleIds(await search(subscriber, '?tag=World%20caf%C3%A9&decision=adapt'))).toEqual([]);
  });

  it('refuses a decision or outcome it does not know with a 400 naming the field', async () => {
    const res = await c.as(subscriber.token).get('/api/v1/evidence-base?decision=abandon').expect(400);
    expect(JSON.stringify(res.body)).toContain('decision must be one of');
    const res2 = await c.as(subscriber.token).get('/api/v1/evidence-base?outcome=great').expect(400);
    expect(JSON.stringify(res2.body)).toContain('outcome must be one of');
  });

  it('pages the results and counts them all', async () => {
    const first = await search(c.adminToken, '?limit=2&offset=0');
    const second = await search(c.adminToken, '?limit=2&offset=2');
    expect(first.total).toBe(3);
    expect(second.total).toBe(3);
    expect(first.items.map((i) => i.cycleId)).toEqual([ids.secret, ids.coffee]);
    expect(second.items.map((i) => i.cycleId)).toEqual([ids.cafe]);
  });

  describe('sharing: the evidence base links to exactly the summaries the caller may read', () => {
    it('leaves out an initiative that shares nothing for subscribers and the librarians and coaches of other pilots', async () => {
      for (const who of [subscriber, sharing.librarian, sharing.coach, closedOnly.coach]) {
        const found = cycleIds(await search(who, '?q=world'));
        expect(found).toEqual(of('cafe'));
      }
    });

    it('shows an initiative that shares nothing to its own people and to admins, as its summary page does', async () => {
      expect(cycleIds(await search(private_.librarian, '?q=world'))).toEqual(of('cafe', 'secret'));
      expect(cycleIds(await search(private_.coach, '?q=world'))).toEqual(of('cafe', 'secret'));
      expect(cycleIds(await search(c.adminToken, '?q=world'))).toEqual(of('cafe', 'secret'));
    });

    it('agrees with summary.read, the permission of the summary page, for every caller and every result', async () => {
      const policy = t.app.get(AccessPolicy);
      const callers: [Person, Role][] = [
        [subscriber, 'subscriber'],
        [sharing.librarian, 'librarian'],
        [private_.librarian, 'librarian'],
        [closedOnly.coach, 'coach'],
      ];
      for (const [who, role] of callers) {
        const me = { id: who.id, email: who.email, name: who.email, role };
        const listed = new Set(cycleIds(await search(who)));
        for (const [pilot, id] of [
          [sharing, ids.cafe],
          [closedOnly, ids.coffee],
          [private_, ids.secret],
        ] as const) {
          const readable = await policy.require(me, Permission.SummaryRead, { cycle: { id, initiativeId: pilot.initiativeId, phase: 'closed' } }).then(
            () => true,
            () => false,
          );
          expect({ id, readable }).toEqual({ id, readable: listed.has(id) });
        }
      }
    });

    it('shows closed cycles of an initiative sharing closed cycles, and never an open one', async () => {
      const all = await search(subscriber);
      expect(all.items.every((i) => i.closedAt)).toBe(true);
      expect(cycleIds(all)).toEqual(of('cafe', 'coffee'));
    });
  });

  it('gives the weekly digest its “What the pilots learned”, from the same source and sharing as the coalition sees it', async () => {
    const preview = (await c.as(c.adminToken).post('/api/v1/digests/preview', { periodStart: '2026-03-30', periodEnd: '2026-04-05' }).expect(200)).body as {
      html: string;
      text: string;
    };
    for (const part of [preview.html.replace(/&#x3D;/g, '='), preview.text]) {
      expect(part).toMatch(/what the pilots learned/i);
      expect(part).toContain('Small tables of 4 worked');
      expect(part).toContain('Coffee urn and two hosts in the lobby.');
      expect(part).toContain('(n = 3)');
      expect(part).not.toContain('plan the summer with us');
    }
  });

  describe('strategy tags', () => {
    it('starts with the seed guides’ list', () => {
      expect(tags.map((x) => x.name)).toEqual(
        expect.arrayContaining([
          'Gathering design',
          'Passive programming',
          'World café',
          'Coffee & conversation',
          'Community-led planning',
          'Partnerships',
          'Bilingual welcome',
          'Intergenerational',
        ]),
      );
    });

    it('lets admins add, rename and retire a tag; a retired tag leaves the list and cannot be newly chosen, but stays on the cycles that carry it', async () => {
      const admin = c.as(c.adminToken);
      const added = (await admin.post('/api/v1/strategy-tags', { name: 'Story circles' }).expect(201)).body as StrategyTagView;
      await admin.post('/api/v1/strategy-tags', { name: 'story circles' }).expect(409);
      const renamed = (await admin.patch(`/api/v1/strategy-tags/${added.id}`, { name: 'Story circle' }).expect(200)).body as StrategyTagView;
      expect(renamed).toEqual({ id: added.id, name: 'Story circle', retired: false });
      await c
        .as(sharing.librarian.token)
        .put(`/api/v1/cycles/${ids.cafe}/tags`, { tagIds: [tag('World café'), tag('Gathering design'), added.id] })
        .expect(200);
      await admin.patch(`/api/v1/strategy-tags/${added.id}`, { retired: true }).expect(200);
      const listed = (await c.as(subscriber.token).get('/api/v1/strategy-tags').expect(200)).body as StrategyTagView[];
      expect(listed.some((x) => x.id === added.id)).toBe(false);
      const withRetired = (await admin.get('/api/v1/strategy-tags?includeRetired=true').expect(200)).body as StrategyTagView[];
      expect(withRetired.find((x) => x.id === added.id)).toEqual({ id: added.id, name: 'Story circle', retired: true });
      expect(cycleIds(await search(subscriber, '?tag=Story%20circle'))).toEqual(of('cafe'));
      const refused = await c
        .as(closedOnly.librarian.token)
        .put(`/api/v1/cycles/${ids.coffee}/tags`, { tagIds: [added.id] })
        .expect(400);
      expect(refused.body.message).toContain('retired');
      await c
        .as(sharing.librarian.token)
        .put(`/api/v1/cycles/${ids.cafe}/tags`, { tagIds: [tag('World café'), tag('Gathering design'), added.id] })
        .expect(200);
    });

    it('refuses tag ids that are not tags, naming tagIds', async () => {
      const res = await c
        .as(sharing.librarian.token)
        .put(`/api/v1/cycles/${ids.cafe}/tags`, { tagIds: ['00000000-0000-4000-8000-000000000000'] })
        .expect(400);
      expect(res.body.message).toContain('tagIds');
      const bad = await c
        .as(sharing.librarian.token)
        .put(`/api/v1/cycles/${ids.cafe}/tags`, { tagIds: ['world café'] })
        .expect(400);
      expect(JSON.stringify(bad.body)).toContain('tagIds');
    });

    it('audits a change of tags on the cycle', async () => {
      (t.clock as FixedClock).set('2026-04-10T15:00:00Z');
      await c
        .as(sharing.librarian.token)
        .put(`/api/v1/cycles/${ids.cafe}/tags`, { tagIds: [tag('World café')] })
        .expect(200);
      const audit = (await c.as(c.adminToken).get(`/api/v1/audit?entityType=cycle&entityId=${ids.cafe}`).expect(200)).body.items as {
        action: string;
        after: { tags?: string[] } | null;
      }[];
      expect(audit.find((a) => a.action === 'tag')?.after).toEqual({ tags: ['World café'] });
      expect((await c.as(sharing.coach.token).get(`/api/v1/cycles/${ids.cafe}/tags`).expect(200)).body.map((x: StrategyTagView) => x.name)).toEqual([
        'World café',
      ]);
    });
  });
});
