import { DateTime } from 'luxon';
import { FixedClock } from '@r2c/core';
import { Coalition } from './fixtures';

/**
 * Gives a digest period something to report (a period with nothing is skipped and sent to no one): a
 * check-in held at `at` by an admin, on an initiative of its own with no members, so that no one new
 * receives the digest. The clock is put back where it was.
 */
export async function checkInHeldAt(c: Coalition, clock: FixedClock, at: string): Promise<void> {
  const back = clock.now();
  const initiativeId = await c.initiative(await c.library());
  clock.set(at);
  try {
    const res = await c.as(c.adminToken).post(`/api/v1/initiatives/${initiativeId}/check-ins`, { note: 'Story time went well: 14 families, 5 of them new.' });
    if (res.status !== 201) throw new Error(`check-in: ${res.status} ${JSON.stringify(res.body)}`);
  } finally {
    clock.set(back);
  }
}

/** The week, Monday to Sunday in the default DIGEST_TIMEZONE, holding today: where an app on the real clock logs its news. */
export function weekHoldingToday(timezone = 'America/New_York'): { periodStart: string; periodEnd: string } {
  const monday = DateTime.now().setZone(timezone).startOf('week');
  return { periodStart: monday.toISODate()!, periodEnd: monday.plus({ days: 6 }).toISODate()! };
}

/** News for this week's digest on an app that runs on the real clock: a check-in held now on an initiative with no members. */
export async function checkInHeldNow(c: Coalition): Promise<void> {
  const initiativeId = await c.initiative(await c.library());
  const res = await c.as(c.adminToken).post(`/api/v1/initiatives/${initiativeId}/check-ins`, { note: 'Story time went well: 14 families, 5 of them new.' });
  if (res.status !== 201) throw new Error(`check-in: ${res.status} ${JSON.stringify(res.body)}`);
}
