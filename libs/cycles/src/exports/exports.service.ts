import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { createEvents, DateArray, EventAttributes } from 'ics';
import { DateTime } from 'luxon';
import { DataSource, In } from 'typeorm';
import { AccessPolicy, LibrariesService, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Clock, rawDate, rawInstant } from '@r2c/core';
import { checkInDueOn, dueDatesUntil } from '../domain';
import { Cycle } from '../cycles/cycle.entity';
import { escapeText, foldByOctets } from './ical-lines';

const CSV_COLUMNS = [
  'cycle_number',
  'cycle_title',
  'cycle_phase',
  'evidence_id',
  'kind',
  'indicator_name',
  'indicator_unit',
  'indicator_kind',
  'value',
  'text',
  'observed_on',
  'method',
  'source',
  'sample_size',
  'recorded_at',
];

const dateArray = (isoDate: string): DateArray => {
  const d = DateTime.fromISO(isoDate);
  return [d.year, d.month, d.day];
};

/** Every evidence entry as CSV (with the byte-order mark Excel needs to read UTF-8), and calendars as iCalendar. */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly libraries: LibrariesService,
    private readonly clock: Clock,
  ) {}

  async evidenceCsv(actor: Principal, initiativeId: string): Promise<string> {
    await this.policy.require(actor, Permission.ExportRun, { initiativeId });
    const rows = await this.dataSource
      .createQueryBuilder()
      .select([
        'c.number AS cycle_number',
        'c.title AS cycle_title',
        'c.phase AS cycle_phase',
        'e.id AS evidence_id',
        'e.kind AS kind',
        'i.name AS indicator_name',
        'i.unit AS indicator_unit',
        'i.kind AS indicator_kind',
        'e.value AS value',
        'e.text AS text',
        'e.observed_on AS observed_on',
        'e.method AS method',
        'e.source AS source',
        'e.sample_size AS sample_size',
        'e.created_at AS recorded_at',
      ])
      .from('evidence', 'e')
      .innerJoin('cycles', 'c', 'c.id = e.cycle_id')
      .leftJoin('indicators', 'i', 'i.id = e.indicator_id')
      .where('e.initiative_id = :initiativeId', { initiativeId })
      .andWhere('e.removed_at IS NULL')
      .orderBy('c.number', 'ASC')
      .addOrderBy('e.observed_on', 'ASC')
      .addOrderBy('e.created_at', 'ASC')
      .getRawMany<Record<string, unknown>>();
    const normalised = rows.map((r) => ({ ...r, observed_on: rawDate(r.observed_on), recorded_at: rawInstant(r.recorded_at) }));
    // A leading = + - @ would run as a formula in a spreadsheet; prefix it so the text stays text.
    return stringify(normalised, { bom: true, header: true, columns: CSV_COLUMNS, cast: { string: (v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) } });
  }

  async calendarIcs(actor: Principal, initiativeId: string): Promise<string> {
    const { initiative } = await this.policy.require(actor, Permission.ExportRun, { initiativeId });
    const timezone = await this.libraries.timezoneOf(initiative.libraryId);
    return this.calendar(`R2C: ${initiative.title}`, [{ ...initiative, lastCheckInAt: initiative.lastCheckInAt ?? null, timezone }]);
  }

  /** Every initiative the person may export that is not completed, in one calendar (their feed address). */
  async calendarOfPerson(person: Principal): Promise<string> {
    const qb = this.dataSource
      .createQueryBuilder()
      .select([
        'i.id AS id',
        'i.title AS title',
        'i.start_date AS "startDate"',
        'i.check_in_cadence_days AS "checkInCadenceDays"',
        'i.last_check_in_at AS "lastCheckInAt"',
        'l.timezone AS timezone',
      ])
      .from('initiatives', 'i')
      .innerJoin('libraries', 'l', 'l.id = i.library_id')
      .where("i.status <> 'completed'")
      .orderBy('i.title', 'ASC');
    const rows = await this.policy.narrow(qb, person, Permission.ExportRun, 'i.id').getRawMany<CalendarInitiative>();
    const initiatives = rows.map((r) => ({
      ...r,
      startDate: rawDate(r.startDate) ?? '',
      lastCheckInAt: rawInstant(r.lastCheckInAt),
      checkInCadenceDays: Number(r.checkInCadenceDays),
    }));
    return this.calendar(`R2C: ${person.name}`, initiatives);
  }

  private async calendar(name: string, initiatives: CalendarInitiative[]): Promise<string> {
    const cycles = initiatives.length
      ? await this.dataSource.getRepository(Cycle).find({
          where: { initiativeId: In(initiatives.map((i) => i.id)), phase: In(['hypothesis', 'adaptation', 'evidence', 'reflection', 'review']) },
          order: { number: 'ASC' },
        })
      : [];
    const events = initiatives.flatMap((initiative) => [
      ...this.checkInEvents(initiative),
      ...cycles.filter((cycle) => cycle.initiativeId === initiative.id).map((cycle) => cycleEndEvent(initiative, cycle)),
    ]);
    const { error, value } = createEvents(events, { productId: 'r2c-tracker/ics', calName: escapeText(name), method: 'PUBLISH' });
    if (error || !value) throw error ?? new Error('calendar could not be built');
    return foldByOctets(value);
  }

  private checkInEvents(initiative: CalendarInitiative): EventAttributes[] {
    const today = DateTime.fromJSDate(this.clock.now(), { zone: initiative.timezone }).toISODate()!;
    const horizon = DateTime.fromISO(today).plus({ days: 90 }).toISODate()!;
    const lastCheckIn = initiative.lastCheckInAt ? new Date(initiative.lastCheckInAt) : null;
    const firstDue = checkInDueOn(lastCheckIn, initiative.startDate, initiative.checkInCadenceDays, initiative.timezone);
    return dueDatesUntil(firstDue, initiative.checkInCadenceDays, horizon)
      .filter((due) => due >= today || due === firstDue)
      .map((due) => ({
        uid: `check-in-${initiative.id}-${due}@r2c-tracker`,
        start: dateArray(due),
        end: dateArray(DateTime.fromISO(due).plus({ days: 1 }).toISODate()!),
        title: `Check-in due: ${initiative.title}`,
        description: `Post a short check-in for "${initiative.title}": what happened, blockers, help wanted.`,
        categories: ['R2C', 'check-in'],
      }));
  }
}

interface CalendarInitiative {
  id: string;
  title: string;
  startDate: string;
  checkInCadenceDays: number;
  lastCheckInAt: Date | string | null;
  timezone: string;
}

function cycleEndEvent(initiative: CalendarInitiative, cycle: Cycle): EventAttributes {
  return {
    uid: `cycle-end-${cycle.id}@r2c-tracker`,
    start: dateArray(cycle.plannedEnd),
    end: dateArray(DateTime.fromISO(cycle.plannedEnd).plus({ days: 1 }).toISODate()!),
    title: `Planned end of cycle ${cycle.number}: ${cycle.title}`,
    description: `Cycle ${cycle.number} of "${initiative.title}" is planned to end today (now in the ${cycle.phase} phase).`,
    categories: ['R2C', 'cycle'],
  };
}
