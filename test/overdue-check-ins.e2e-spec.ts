import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { Initiative, Library } from '@r2c/access/entities';
import { newId } from '@r2c/core';
import { checkInDueOn, daysFrom, localDate, OverdueCheckIns } from '@r2c/cycles';
import { dueNow, owedReminder, reminderDay } from '@r2c/reminders';
import { countQueries } from './support/query-counter';
import { startTestApp, TestApp } from './support/test-app';

const ZONES = [
  'UTC',
  'America/New_York',
  'Pacific/Honolulu',
  'Asia/Beirut',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];
const DAY = 86400000;
const FROM = Date.UTC(2025, 0, 1);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The one overdue reading, on the real database: what OverdueCheckIns reads back (dates and instants as
 * each driver returns them) gives the answer the pure rule gives for the values written, for the review
 * queue's day and for the reminder scan's, in one query however many initiatives there are.
 */
describe('OverdueCheckIns on the database', () => {
  let t: TestApp;
  let ds: DataSource;
  let reader: OverdueCheckIns;

  beforeAll(async () => {
    t = await startTestApp({ withWorkers: false });
    ds = t.app.get(DataSource);
    reader = t.app.get(OverdueCheckIns);
  });
  afterAll(() => t?.close());

  const schedule = fc.record({
    cadenceDays: fc.integer({ min: 1, max: 60 }),
    start: fc.integer({ min: 0, max: 700 }),
    lastAfterStart: fc.option(fc.integer({ min: -3 * DAY, max: 400 * DAY }), { nil: null }),
    timezone: fc.constantFrom(...ZONES),
    active: fc.boolean(),
  });

  it('agrees with checkInDueOn and dueNow over generated cadences, start dates, last check-ins and time zones', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(schedule, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 900 * DAY }), async (schedules, nowAfter) => {
        const now = new Date(FROM + nowAfter);
        const at = new Date(FROM);
        const libraries = new Map(ZONES.map((timezone) => [timezone, newId()]));
        const written = schedules.map((s) => {
          const startMs = FROM + s.start * DAY;
          return {
            id: newId(),
            libraryId: libraries.get(s.timezone)!,
            timezone: s.timezone,
            active: s.active,
            startDate: dayOf(startMs),
            cadenceDays: s.cadenceDays,
            lastCheckInAt: s.lastAfterStart === null ? null : new Date(startMs + s.lastAfterStart),
          };
        });
        await ds.getRepository(Library).insert(
          [...libraries].map(([timezone, id]) => ({
            id,
            name: timezone,
            city: 'City',
            state: 'ST',
            communityType: 'urban',
            timezone,
            createdAt: at,
            updatedAt: at,
          })),
        );
        await ds.getRepository(Initiative).insert(
          written.map((w) => ({
            id: w.id,
            libraryId: w.libraryId,
            title: w.id,
            summary: 's',
            audience: 'a',
            learningQuestion: 'q',
            checkInCadenceDays: w.cadenceDays,
            startDate: w.startDate,
            status: w.active ? 'active' : 'paused',
            lastCheckInAt: w.lastCheckInAt,
            createdAt: at,
            updatedAt: at,
          })),
        );
        try {
          const { result: today, queries } = await countQueries(
            ds,
            () => reader.standings(ds.manager, (timezone) => localDate(now, timezone)),
            /\binitiatives\b/,
          );
          expect(queries).toHaveLength(1);
          const forReminders = await reader.standings(ds.manager, (timezone) => reminderDay(now, timezone));
          const active = written.filter((w) => w.active);
          expect(today.map((s) => s.initiativeId).sort()).toEqual(active.map((w) => w.id).sort());
          for (const w of active) {
            const dueOn = checkInDueOn(w.lastCheckInAt, w.startDate, w.cadenceDays, w.timezone);
            const read = today.find((s) => s.initiativeId === w.id)!;
            expect({ id: w.id, dueOn: read.dueOn, daysOverdue: read.daysOverdue }).toEqual({
              id: w.id,
              dueOn,
              daysOverdue: daysFrom(dueOn, localDate(now, w.timezone)),
            });
            const scanned = forReminders.find((s) => s.initiativeId === w.id)!;
            expect({ id: w.id, owed: owedReminder(scanned.dueOn, scanned.daysOverdue, scanned.cadenceDays) }).toEqual({ id: w.id, owed: dueNow(w, now) });
          }
        } finally {
          await ds.getRepository(Initiative).delete(written.map((w) => w.id));
          await ds.getRepository(Library).delete([...libraries.values()]);
        }
      }),
      { numRuns: 25 },
    );
  });
});
