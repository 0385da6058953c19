import { Coalition, Person } from './fixtures';

export interface LearnedCycle {
  title?: string;
  statement?: string;
  change?: string;
  insights?: string;
  outcome?: 'supported' | 'partly_supported' | 'not_supported' | 'inconclusive';
  decision?: 'adapt' | 'continue' | 'scale' | 'stop';
  /** Measurements of the attendance indicator, one per day from `dates.observedFrom`. */
  values?: number[];
  tagIds?: string[];
  dates?: CycleDates;
}

/** The cycle's calendar: planned start and end, the day its change was made, and the day of its first measurement. */
export interface CycleDates {
  plannedStart: string;
  plannedEnd: string;
  implementedOn: string;
  observedFrom: string;
}

const MARCH: CycleDates = { plannedStart: '2026-03-02', plannedEnd: '2026-04-30', implementedOn: '2026-03-09', observedFrom: '2026-03-16' };

const dayAfter = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Runs a cycle of a pilot from hypothesis to approval through the HTTP API, as its librarian and coach would, and answers its id. */
export async function closedCycle(c: Coalition, pilot: { initiativeId: string; librarian: Person; coach: Person }, told: LearnedCycle = {}): Promise<string> {
  const lib = c.as(pilot.librarian.token);
  const dates = told.dates ?? MARCH;
  const ok = async (res: { status: number; body: unknown }, status: number, what: string) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const indicators = (await lib.get(`/api/v1/initiatives/${pilot.initiativeId}/indicators`)).body.items as { id: string; templateKey: string | null }[];
  const indicatorId =
    indicators.find((i) => i.templateKey === 'attendance')?.id ??
    (await ok(await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 8 }), 201, 'indicator')).id;
  const { id } = await ok(
    await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, {
      title: told.title ?? 'Gathering cycle',
      plannedStart: dates.plannedStart,
      plannedEnd: dates.plannedEnd,
    }),
    201,
    'cycle',
  );
  const move = async (to: string) => ok(await lib.post(`/api/v1/cycles/${id}/transitions`, { to }), 200, `move to ${to}`);
  await ok(
    await lib.put(`/api/v1/cycles/${id}/hypothesis`, {
      statement: told.statement ?? 'If volunteers greet families at the door, then more of them will come back, because they will feel expected.',
      expectedOutcome: 'Attendance rises from 8 to 12',
      rationale: 'Families told us they were unsure they were welcome.',
      indicatorIds: [indicatorId],
    }),
    200,
    'hypothesis',
  );
  if (told.tagIds) await ok(await lib.put(`/api/v1/cycles/${id}/tags`, { tagIds: told.tagIds }), 200, 'tags');
  await move('adaptation');
  await ok(
    await lib.put(`/api/v1/cycles/${id}/adaptation`, {
      description: told.change ?? 'Two volunteers greet families at the door.',
      implementedOn: dates.implementedOn,
    }),
    200,
    'adaptation',
  );
  await move('evidence');
  for (const [n, value] of (told.values ?? [12]).entries())
    await ok(
      await lib.post(`/api/v1/cycles/${id}/evidence`, {
        kind: 'measurement',
        indicatorId,
        value,
        observedOn: dayAfter(dates.observedFrom, n),
        method: 'sign_in',
      }),
      201,
      'evidence',
    );
  await move('reflection');
  await ok(
    await lib.put(`/api/v1/cycles/${id}/reflection`, {
      outcome: told.outcome ?? 'supported',
      insights: told.insights ?? 'Being greeted by name made families feel expected.',
      decision: told.decision ?? 'continue',
      nextSteps: 'Keep the greeters on Saturdays.',
    }),
    200,
    'reflection',
  );
  await move('review');
  await ok(await c.as(pilot.coach.token).post(`/api/v1/cycles/${id}/reviews`, { verdict: 'approve', body: 'Approved.' }), 201, 'approve');
  return id;
}
