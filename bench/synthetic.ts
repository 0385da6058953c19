import { DataSource, EntityManager } from 'typeorm';
import { newId } from '@r2c/core';

/**
 * Synthetic coalition data written with bulk SQL straight into the migrated schema: creating tens of
 * thousands of rows through the API would take minutes and measure nothing the bench is about.
 * Values are stored the way TypeORM stores them on SQLite (instants as 'YYYY-MM-DD HH:MM:SS.SSS' UTC).
 */

export type Row = Record<string, unknown>;

export const instant = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
export const daysBefore = (d: Date, days: number): Date => new Date(d.getTime() - days * 86400000);

/** The 20 time zones the reminder scan's libraries are spread over. */
export const TIME_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'America/Detroit',
  'America/Indiana/Indianapolis',
  'America/Boise',
  'America/Juneau',
  'America/Adak',
  'America/Kentucky/Louisville',
  'America/North_Dakota/Center',
  'America/Menominee',
  'America/Sitka',
  'Pacific/Guam',
  'Pacific/Pago_Pago',
  'America/St_Thomas',
];

const INSTANT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

/** On PostgreSQL an instant without a zone would be read in the session's time zone: it is marked UTC. */
const forPostgres = (value: unknown): unknown => (typeof value === 'string' && INSTANT.test(value) ? `${value}Z` : value);

/**
 * Inserts rows with multi-row INSERTs, chunked to stay well under the bound-parameter limits (SQLite's
 * 32,766, PostgreSQL's 65,535). Booleans are written 1 and 0, which both read as booleans.
 */
export async function insertRows(em: EntityManager | DataSource, table: string, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const postgres = (em instanceof DataSource ? em : em.connection).options.type === 'postgres';
  const columns = Object.keys(rows[0]);
  const chunk = Math.floor(30000 / columns.length);
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    let n = 0;
    const placeholder = postgres ? () => `$${++n}` : () => '?';
    const values = part.map(() => `(${columns.map(placeholder).join(', ')})`).join(', ');
    const parameters = part.flatMap((r) => columns.map((c) => (postgres ? forPostgres(r[c]) : r[c])));
    await em.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, parameters);
  }
}

export function library(timezone: string, n: number, now: Date): Row {
  return {
    id: newId(),
    name: `Branch Library ${n}`,
    city: 'Riverbend',
    state: 'MT',
    community_type: ['urban', 'suburban', 'rural', 'tribal'][n % 4],
    timezone,
    created_at: instant(now),
    updated_at: instant(now),
  };
}

export function initiative(libraryId: string, n: number, now: Date, overrides: Row = {}): Row {
  return {
    id: newId(),
    library_id: libraryId,
    title: `Community Conversations ${n}`,
    summary: 'Monthly facilitated conversations between newcomers and long-time residents.',
    audience: 'Newcomer families and long-time residents',
    learning_question: 'What helps neighbours who rarely meet feel they belong at the library?',
    check_in_cadence_days: 14,
    start_date: isoDate(daysBefore(now, 90)),
    status: 'active',
    created_at: instant(now),
    updated_at: instant(now),
    last_check_in_at: null,
    ...overrides,
  };
}

export function user(role: string, n: number, now: Date): Row {
  // Never used to sign in: the bench's synthetic people only receive emails.
  return {
    id: newId(),
    email: `${role}${n}@library.test`,
    name: `${role[0].toUpperCase()}${role.slice(1)} ${n}`,
    role,
    password_hash: 'synthetic',
    active: 1,
    created_at: instant(now),
    updated_at: instant(now),
  };
}

export function membership(initiativeId: string, userId: string, role: 'librarian' | 'coach', now: Date): Row {
  return { initiative_id: initiativeId, user_id: userId, role, created_at: instant(now) };
}

export interface IndicatorShape {
  name: string;
  unit: string;
  kind: 'count' | 'scale_1_5' | 'percent';
  baseline: number;
  target: number;
}

export const INDICATORS: IndicatorShape[] = [
  { name: 'Attendance', unit: 'people', kind: 'count', baseline: 12, target: 20 },
  { name: 'I trust the library', unit: 'score (1–5)', kind: 'scale_1_5', baseline: 3.2, target: 4 },
  { name: 'Sense of belonging', unit: '% agreeing', kind: 'percent', baseline: 45, target: 60 },
];

export function indicator(initiativeId: string, shape: IndicatorShape, now: Date): Row {
  return {
    id: newId(),
    initiative_id: initiativeId,
    name: shape.name,
    unit: shape.unit,
    kind: shape.kind,
    direction: 'increase',
    baseline: shape.baseline,
    target: shape.target,
    template_key: null,
    description: null,
    created_at: instant(now),
    updated_at: instant(now),
  };
}

export function closedCycle(initiativeId: string, number: number, indicatorIds: string[], closedAt: Date): Row {
  const start = daysBefore(closedAt, 42);
  return {
    id: newId(),
    initiative_id: initiativeId,
    number,
    title: `Cycle ${number}: bilingual welcome at the door`,
    planned_start: isoDate(start),
    planned_end: isoDate(closedAt),
    phase: 'closed',
    open_initiative_id: null,
    hypothesis: JSON.stringify({
      statement: 'If we greet newcomers in their own language at the door, then more of them will come back, because they will feel expected.',
      expectedOutcome: 'Repeat attendance of newcomer families rises from 3 to 6',
      rationale: 'Families told us they were unsure they were welcome.',
      learningQuestion: 'What helps neighbours who rarely meet feel they belong at the library?',
      indicatorIds,
    }),
    adaptation: JSON.stringify({
      description: 'Two volunteers greet families in Spanish and Dari at the door and walk them in.',
      implementedOn: isoDate(daysBefore(closedAt, 35)),
      sessionsHeld: 6,
      participantsReached: 84,
    }),
    reflection: JSON.stringify({
      outcome: 'partly_supported',
      insights: 'Families came back when someone greeted them by name.\nThe Dari greeting mattered most.',
      decision: 'adapt',
      nextSteps: 'Recruit a third volunteer for Saturday sessions.',
    }),
    carried_over: null,
    closed_at: instant(closedAt),
    created_at: instant(start),
    updated_at: instant(closedAt),
  };
}

const METHODS = ['survey', 'observation', 'interview', 'sign_in', 'other'];
const QUOTES = [
  'I did not know the library had a room we could just use.',
  'My daughter asked when the next one is.',
  'It was the first time I talked with someone from the other side of the river.',
];

/** The n-th evidence entry of a cycle: seven in ten are measurements, the rest observations, quotes and stories. */
export function evidence(
  cycle: { id: string; initiativeId: string },
  indicators: { id: string; kind: IndicatorShape['kind'] }[],
  n: number,
  observedOn: Date,
  createdAt: Date,
): Row {
  const base = {
    id: newId(),
    cycle_id: cycle.id,
    initiative_id: cycle.initiativeId,
    indicator_id: null as string | null,
    value: null as number | null,
    text: null as string | null,
    observed_on: isoDate(observedOn),
    method: METHODS[n % METHODS.length],
    source: 'Tuesday story time',
    sample_size: 10 + (n % 30),
    created_by: null,
    created_at: instant(createdAt),
  };
  const slot = n % 10;
  if (slot < 7) {
    const ind = indicators[n % indicators.length];
    const value = ind.kind === 'count' ? 8 + (n % 17) : ind.kind === 'scale_1_5' ? 1 + (n % 5) : (n * 7) % 101;
    return { ...base, kind: 'measurement', indicator_id: ind.id, value };
  }
  if (slot === 7) return { ...base, kind: 'observation', text: 'Newcomer families stayed after the session to talk with staff.' };
  if (slot === 8) return { ...base, kind: 'quote', text: QUOTES[n % QUOTES.length] };
  return { ...base, kind: 'story', text: 'A grandmother who had never been to the library brought two neighbours the following week.' };
}
