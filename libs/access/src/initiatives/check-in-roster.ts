import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rawDate, rawInstant } from '@r2c/core';
import type { MemberRole } from '@r2c/contracts';
import { User } from '../users/user.entity';
import { Initiative, Membership } from './initiative.entity';

/** An active initiative with what its check-in schedule needs (its library's time zone and name). */
export interface ActiveInitiative {
  id: string;
  title: string;
  startDate: string;
  cadenceDays: number;
  lastCheckInAt: Date | null;
  timezone: string;
  libraryName: string;
}

/** A member of an active initiative whose account is active: who a reminder goes to. */
export interface ActiveMember {
  initiativeId: string;
  role: MemberRole;
  userId: string;
  email: string;
  name: string;
}

/**
 * Who is owed a check-in reminder, read for libs/reminders: two reads whatever the number of
 * initiatives, the raw rows mapped here, where the tables are.
 */
@Injectable()
export class CheckInRoster {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async activeInitiatives(): Promise<ActiveInitiative[]> {
    const rows = await this.dataSource
      .getRepository(Initiative)
      .createQueryBuilder('i')
      .innerJoin('libraries', 'l', 'l.id = i.library_id')
      .select([
        'i.id AS id',
        'i.title AS title',
        'i.start_date AS start_date',
        'i.check_in_cadence_days AS cadence',
        'i.last_check_in_at AS last_check_in_at',
        'l.timezone AS timezone',
        'l.name AS library_name',
      ])
      .where("i.status = 'active'")
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      startDate: rawDate(r.start_date)!,
      cadenceDays: Number(r.cadence),
      lastCheckInAt: r.last_check_in_at ? new Date(rawInstant(r.last_check_in_at)!) : null,
      timezone: String(r.timezone),
      libraryName: String(r.library_name),
    }));
  }

  activeMembers(): Promise<ActiveMember[]> {
    return this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoin(User, 'u', 'u.id = m.userId')
      .innerJoin(Initiative, 'i', 'i.id = m.initiativeId')
      .select(['m.initiativeId AS "initiativeId"', 'm.role AS "role"', 'u.id AS "userId"', 'u.email AS "email"', 'u.name AS "name"'])
      .where("i.status = 'active'")
      .andWhere('u.active = :active', { active: true })
      .getRawMany<ActiveMember>();
  }
}
