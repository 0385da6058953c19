import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditService, InitiativesService, LibrariesService, Permission } from '@r2c/access';
import type { InitiativeAccess, Principal } from '@r2c/access';
import { Clock, newId, PageQuery, Transactions } from '@r2c/core';
import { canChangeWork, checkInDueOn } from '../domain';
import { assertAllowed } from '../cycles/refusal';
import type { CheckInPage, CheckInWithNextDue } from '@r2c/contracts';
import { CreateCheckInDto, toCheckInView } from './check-in.dto';
import { CheckIn } from './check-in.entity';

@Injectable()
export class CheckInsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly initiatives: InitiativesService,
    private readonly libraries: LibrariesService,
  ) {}

  create(actor: Principal, initiativeId: string, dto: CreateCheckInDto): Promise<CheckInWithNextDue> {
    return this.tx.run(async (em) => {
      const { initiative } = await this.policy.require(actor, Permission.InitiativeContribute, { initiativeId }, em);
      assertAllowed(canChangeWork(initiative));
      const now = this.clock.now();
      const checkIn: CheckIn = {
        id: newId(),
        initiativeId,
        authorId: actor.id,
        note: dto.note,
        blockers: dto.blockers || null,
        helpWanted: dto.helpWanted || null,
        createdAt: now,
      };
      await em.insert(CheckIn, checkIn);
      await this.initiatives.noteCheckIn(em, initiativeId, now);
      await this.audit.record(em, actor, { action: 'create', entityType: 'check_in', entityId: checkIn.id, initiativeId, after: toCheckInView(checkIn) });
      const timezone = await this.libraries.timezoneOf(initiative.libraryId, em);
      return { ...toCheckInView(checkIn), nextDueOn: checkInDueOn(now, initiative.startDate, initiative.checkInCadenceDays, timezone) };
    });
  }

  async list(actor: Principal, initiativeId: string, page: PageQuery): Promise<CheckInPage> {
    const { initiative } = await this.policy.require(actor, Permission.InitiativeRead, { initiativeId });
    const [[items, total], timezone] = await Promise.all([
      this.dataSource
        .getRepository(CheckIn)
        .findAndCount({ where: { initiativeId }, order: { createdAt: 'DESC', id: 'ASC' }, take: page.limit, skip: page.offset }),
      this.libraries.timezoneOf(initiative.libraryId),
    ]);
    return { items: items.map(toCheckInView), total, nextDueOn: this.nextDueOn(initiative, timezone) };
  }

  nextDueOn(initiative: Pick<InitiativeAccess['initiative'], 'lastCheckInAt' | 'startDate' | 'checkInCadenceDays'>, timezone: string): string {
    return checkInDueOn(initiative.lastCheckInAt ? new Date(initiative.lastCheckInAt) : null, initiative.startDate, initiative.checkInCadenceDays, timezone);
  }
}
