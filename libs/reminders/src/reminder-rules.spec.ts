import fc from 'fast-check';
import { DateTime } from 'luxon';
import { checkInDueOn, dueDatesUntil } from '@r2c/cycles';
import { DueNow, dueNow, dueWords, REMINDER_LOCAL_HOUR, ScheduleInput, shownDue } from './reminder-rules';
import { escalationMail, reminderMail } from './reminder-mail';

const weekly = (timezone: string, lastCheckInAt: Date | null = null) => ({ startDate: '2026-03-02', cadenceDays: 7, lastCheckInAt, timezone });

describe('dueNow', () => {
  it.each([
    // [now (UTC), time zone, expected]
    ['2026-03-09T12:59:00Z', 'America/New_York', null], // 08:59 EDT on the due date
    ['2026-03-09T13:00:00Z', 'America/New_York', { dueOn: '2026-03-09', missed: 1 }], // 09:00 EDT
    ['2026-03-09T18:59:00Z', 'Pacific/Honolulu', null], // 08:59 HST
    ['2026-03-09T19:00:00Z', 'Pacific/Honolulu', { dueOn: '2026-03-09', missed: 1 }],
    ['2026-03-08T23:00:00Z', 'America/New_York', null], // the day before
    ['2026-03-15T23:00:00Z', 'America/New_York', { dueOn: '2026-03-09', missed: 1 }], // still the first due date
    ['2026-03-16T12:59:00Z', 'America/New_York', { dueOn: '2026-03-09', missed: 1 }],
    ['2026-03-16T13:00:00Z', 'America/New_York', { dueOn: '2026-03-16', missed: 2 }], // the second due date passed
    ['2026-03-30T13:00:00Z', 'America/New_York', { dueOn: '2026-03-30', missed: 4 }],
  ])('at %s in %s → %j', (now, zone, expected) => {
    expect(dueNow(weekly(zone), new Date(now))).toEqual(expected);
  });

  it('counts from the local date of the latest check-in', () => {
    // checked in on the evening of 10 March in Honolulu (06:00 UTC on the 11th)
    const input = weekly('Pacific/Honolulu', new Date('2026-03-11T06:00:00Z'));
    expect(dueNow(input, new Date('2026-03-17T18:00:00Z'))).toBeNull();
    expect(dueNow(input, new Date('2026-03-17T19:00:00Z'))).toEqual({ dueOn: '2026-03-17', missed: 1 });
  });

  it('counts calendar days where a DST change skips midnight', () => {
    // Beirut moved to summer time at 00:00 on 29 March 2026: that day began at 01:00
    const input = { startDate: '2026-03-02', cadenceDays: 7, lastCheckInAt: new Date('2026-03-29T08:00:00Z'), timezone: 'Asia/Beirut' };
    expect(dueNow(input, new Date('2026-04-05T05:59:00Z'))).toBeNull(); // 08:59 local
    expect(dueNow(input, new Date('2026-04-05T06:00:00Z'))).toEqual({ dueOn: '2026-04-05', missed: 1 });
  });

  it('owes nothing before the first due date', () => {
    expect(dueNow(weekly('UTC'), new Date('2026-03-02T10:00:00Z'))).toBeNull();
  });
});

describe('dueNow and checkInDueOn', () => {
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
    'America/St_Johns',
  ];
  const DAY = 86400000;
  const FROM = Date.UTC(2025, 0, 1);
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  /** The schedule spelled out: every due date from checkInDueOn on, each counting from 09:00 local on the day. */
  function expected(input: ScheduleInput, now: Date): DueNow | null {
    const local = DateTime.fromJSDate(now, { zone: input.timezone });
    const today = local.toISODate()!;
    const passed = dueDatesUntil(checkInDueOn(input.lastCheckInAt, input.startDate, input.cadenceDays, input.timezone), input.cadenceDays, today).filter(
      (d) => d < today || local.hour >= REMINDER_LOCAL_HOUR,
    );
    return passed.length ? { dueOn: passed[passed.length - 1], missed: passed.length } : null;
  }

  it('owes the latest due date of the checkInDueOn schedule whose 09:00 has passed, and counts them', () => {
    const schedule = fc
      .record({
        cadenceDays: fc.integer({ min: 1, max: 60 }),
        start: fc.integer({ min: 0, max: 700 }),
        lastAfterStart: fc.option(fc.integer({ min: 0, max: 400 * DAY }), { nil: null }),
        nowAfter: fc.integer({ min: -5 * DAY, max: 500 * DAY }),
        timezone: fc.constantFrom(...ZONES),
      })
      .map(({ cadenceDays, start, lastAfterStart, nowAfter, timezone }) => {
        const startMs = FROM + start * DAY;
        const last = lastAfterStart === null ? null : new Date(startMs + lastAfterStart);
        const now = new Date((last?.getTime() ?? startMs) + nowAfter);
        return { input: { startDate: dayOf(startMs), cadenceDays, lastCheckInAt: last, timezone }, now };
      });
    fc.assert(
      fc.property(schedule, ({ input, now }) => {
        expect(dueNow(input, now)).toEqual(expected(input, now));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the due date a reminder names', () => {
  // Weekly check-ins, none since the start: first due on 1 October. On 1 December the scan owes the
  // reminder keyed by 26 November (the latest due date), while the review queue shows 1 October, 61 days overdue.
  const input = { startDate: '2026-09-24', cadenceDays: 7, lastCheckInAt: null, timezone: 'America/New_York' };
  const now = new Date('2026-12-01T15:00:00Z');

  it('is the review queue’s due date and days overdue, while the key stays on the latest due date', () => {
    const queueDueOn = checkInDueOn(null, input.startDate, input.cadenceDays, input.timezone);
    expect(queueDueOn).toBe('2026-10-01');
    expect(dueNow(input, now)).toEqual({ dueOn: '2026-11-26', missed: 9 });
    const shown = shownDue(queueDueOn, now, input.timezone);
    expect(shown).toEqual({ dueOn: '2026-10-01', daysOverdue: 61 });
    expect(dueWords(shown)).toBe('was due on 2026-10-01 and is 61 days overdue');
  });

  it('says "due today" on the due date itself, from 09:00 local', () => {
    const shown = shownDue('2026-03-09', new Date('2026-03-09T13:00:00Z'), 'America/New_York');
    expect(dueWords(shown)).toBe('is due today (2026-03-09)');
    expect(dueWords(shownDue('2026-03-09', new Date('2026-03-10T13:00:00Z'), 'America/New_York'))).toBe('was due on 2026-03-09 and is 1 day overdue');
  });

  it('counts the days in the library’s zone: late evening in Honolulu is still the due date', () => {
    expect(shownDue('2026-03-09', new Date('2026-03-10T08:00:00Z'), 'Pacific/Honolulu')).toEqual({ dueOn: '2026-03-09', daysOverdue: 0 });
  });
});

describe('reminder emails', () => {
  const ctx = {
    initiativeId: 'i-1',
    initiativeTitle: 'Welcome Wednesdays',
    libraryName: 'Riverbend Public Library',
    dueOn: '2026-11-26',
    shown: { dueOn: '2026-10-01', daysOverdue: 61 },
    missed: 9,
    appUrl: 'https://r2c.example.org',
  };
  const to = { userId: 'u-1', email: 'rosa@library.test', name: 'Rosa' };

  it('name the queue’s due date in subject and text, and keep the key on the latest due date', () => {
    const mail = reminderMail(ctx, to);
    expect(mail.idempotencyKey).toBe('reminder:i-1:2026-11-26:u-1');
    expect(mail.subject).toBe('Check-in 61 days overdue: Welcome Wednesdays');
    expect(mail.text).toContain('was due on 2026-10-01 and is 61 days overdue');
    expect(mail.text).not.toContain('due today');
    expect(mail.html).toContain('was due on 2026-10-01 and is 61 days overdue');
    const escalation = escalationMail(ctx, to);
    expect(escalation.idempotencyKey).toBe('escalation:i-1:2026-11-26:u-1');
    expect(escalation.text).toContain('was due on 2026-10-01 and is 61 days overdue');
  });
});
