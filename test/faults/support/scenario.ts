import { Coalition, Person } from '../../support/fixtures';

export interface Pilot {
  libraryId: string;
  initiativeId: string;
  librarian: Person;
  coach: Person;
  indicatorId: string;
  cycleId: string;
}

/** A pilot whose first cycle has its hypothesis and adaptation and now takes evidence. */
export async function pilotTakingEvidence(c: Coalition, overrides: object = {}): Promise<Pilot> {
  const pilot = await c.pilot(overrides);
  const lib = c.as(pilot.librarian.token);
  const ok = async (res: { status: number; body: any }, status: number, what: string) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const indicatorId = (
    await ok(await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/indicators`, { templateKey: 'attendance', baseline: 12, target: 18 }), 201, 'indicator')
  ).id;
  const cycleId = (
    await ok(
      await lib.post(`/api/v1/initiatives/${pilot.initiativeId}/cycles`, {
        title: 'Cycle 1: bilingual welcome at the door',
        plannedStart: '2026-03-02',
        plannedEnd: '2026-04-13',
      }),
      201,
      'cycle',
    )
  ).id;
  await ok(
    await lib.put(`/api/v1/cycles/${cycleId}/hypothesis`, {
      statement: 'If we greet newcomers in their own language at the door, then more of them will come back, because they will feel expected.',
      expectedOutcome: 'Repeat attendance of newcomer families rises from 3 to 6',
      rationale: 'Newcomers told us they were not sure the library was for them.',
      learningQuestion: 'Does a personal welcome bring families back?',
      indicatorIds: [indicatorId],
    }),
    200,
    'hypothesis',
  );
  await ok(await lib.post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'adaptation' }), 200, 'to adaptation');
  await ok(
    await lib.put(`/api/v1/cycles/${cycleId}/adaptation`, {
      description: 'Two volunteers greet families in Spanish and Dari at the door and walk them in.',
      implementedOn: '2026-03-09',
    }),
    200,
    'adaptation',
  );
  await ok(await lib.post(`/api/v1/cycles/${cycleId}/transitions`, { to: 'evidence' }), 200, 'to evidence');
  return { ...pilot, indicatorId, cycleId };
}

export const observation = (i: number) => ({
  kind: 'observation',
  text: `Family ${i} stayed after story time to ask about library cards.`,
  observedOn: '2026-03-16',
  method: 'observation',
  source: 'Front desk notes',
});

export const checkIn = (i: number) => ({
  note: `Check-in ${i}: bilingual story time went well; 14 families, 5 of them new.`,
  blockers: 'Our Dari-speaking volunteer moves away in April.',
});
