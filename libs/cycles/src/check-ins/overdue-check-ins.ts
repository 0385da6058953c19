import { Injectable, Module } from '@nestjs/common';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { rawDate, rawInstant } from '@r2c/core';
import { checkInDueOn, daysFrom } from '../domain';

/** Where an active initiative's check-ins stand on a given day. */
export interface CheckInStanding {
  initiativeId: string;
  initiativeTitle: string;
  libraryName: string;
  timezone: string;
  cadenceDays: number;
  /** ISO instant, or null before the first check-in. */
  lastCheckInAt: string | null;
  /** The next check-in's due date (checkInDueOn), YYYY-MM-DD. */
  dueOn: string;
  /** Days from dueOn to the day asked about: 1 or more is overdue; 0 or less is not yet. */
  daysOverdue: number;
}

/**
 * The day to judge an initiative by, given its library's time zone: a due date before it is overdue.
 * The review queue passes today in that zone, the digest the day after its period, the reminder scan
 * the day after the latest due date whose 09:00 has passed.
 */
export type DayInZone = (timezone: string) => string;

/** Adds a caller's conditions (who may see which initiative, what it shares) on `i` (initiatives) and `l` (libraries). */
export type StandingScope = (query: SelectQueryBuilder<ObjectLiteral>) => SelectQueryBuilder<ObjectLiteral>;

/**
 * The one reading of whose check-in is overdue, for the review queue, the digest and the reminder scan:
 * one query whatever the number of initiatives, on the caller's EntityManager (its transaction, if any).
 * Dates are computed by the pure rule rather than in SQL because SQLite knows no time zones.
 */
@Injectable()
export class OverdueCheckIns {
  /** Every active initiative in scope, overdue or not, by title. */
  async standings(em: EntityManager, asOf: DayInZone, scope: StandingScope = (q) => q): Promise<CheckInStanding[]> {
    const rows = await scope(
      em
        .createQueryBuilder()
        .select([
          'i.id AS initiative_id',
          'i.title AS initiative_title',
          'i.start_date AS start_date',
          'i.check_in_cadence_days AS cadence',
          'i.last_check_in_at AS last_check_in_at',
          'l.name AS library_name',
          'l.timezone AS timezone',
        ])
        .from('initiatives', 'i')
        .innerJoin('libraries', 'l', 'l.id = i.library_id')
        .where("i.status = 'active'"),
    )
      .orderBy('i.title', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getRawMany<Record<string, unknown>>();
    const days = new Map<string, string>();
    const dayIn = (timezone: string) => days.get(timezone) ?? days.set(timezone, asOf(timezone)).get(timezone)!;
    return rows.map((r) => {
      const timezone = String(r.timezone);
      const cadenceDays = Number(r.cadence);
      const lastCheckInAt = rawInstant(r.last_check_in_at);
      const dueOn = checkInDueOn(lastCheckInAt ? new Date(lastCheckInAt) : null, rawDate(r.start_date)!, cadenceDays, timezone);
      return {
        initiativeId: String(r.initiative_id),
        initiativeTitle: String(r.initiative_title),
        libraryName: String(r.library_name),
        timezone,
        cadenceDays,
        lastCheckInAt,
        dueOn,
        daysOverdue: daysFrom(dueOn, dayIn(timezone)),
      };
    });
  }

  /** The active initiatives in scope whose check-in fell due before the day asked about, by title. */
  async overdue(em: EntityManager, asOf: DayInZone, scope?: StandingScope): Promise<CheckInStanding[]> {
    return (await this.standings(em, asOf, scope)).filter((s) => s.daysOverdue > 0);
  }
}

/** For processes without CyclesModule (the worker): the reader alone, which needs nothing injected. */
@Module({ providers: [OverdueCheckIns], exports: [OverdueCheckIns] })
export class OverdueCheckInsModule {}
