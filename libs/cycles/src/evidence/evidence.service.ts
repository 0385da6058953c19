import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AccessPolicy, accountColumns, AuditService, AuthService, Permission, principalOf, SignInAgain } from '@r2c/access';
import type { AccountRow, AuditChange, DigestSharing, InitiativeStatus, MemberRole, Principal, TokenHolder } from '@r2c/access';
import { Clock, insertRowSql, newId, Page, PageQuery, Reads, Transactions } from '@r2c/core';
import { canChangeWork, canEdit, checkEvidenceEntry, IndicatorKind } from '../domain';
import type { Phase } from '@r2c/contracts';
import { CycleAccessPolicy } from '../cycles/cycle-access';
import { assertAllowed } from '../cycles/refusal';
import { Indicator } from '../indicators/indicator.entity';
import { CreateEvidenceDto, EvidenceView, toEvidenceView, UpdateEvidenceDto } from './evidence.dto';
import { Evidence } from './evidence.entity';
import { cycleWhileUnchanged, EntryGuard, SqliteEntryWrite } from './entry-write';

/**
 * What adding an entry depends on, the caller's account included, read in one query outside the write
 * transaction (see `addFor`). The cycle's columns are null when there is no such cycle.
 */
interface EntryFacts extends AccountRow {
  phase: Phase | null;
  initiativeId: string | null;
  status: InitiativeStatus | null;
  digestSharing: DigestSharing | null;
  memberRole: MemberRole | null;
  indicatorInitiativeId: string | null;
  indicatorKind: IndicatorKind | null;
}

const ENTRY_FACTS_SQL = `SELECT ${accountColumns('u')}, c.phase AS "phase", c.initiative_id AS "initiativeId", i.status AS "status",
  i.digest_sharing AS "digestSharing", m.role AS "memberRole", d.initiative_id AS "indicatorInitiativeId", d.kind AS "indicatorKind"
FROM users u
LEFT JOIN cycles c ON c.id = ?
LEFT JOIN initiatives i ON i.id = c.initiative_id
LEFT JOIN memberships m ON m.initiative_id = i.id AND m.user_id = u.id
LEFT JOIN indicators d ON d.id = ?
WHERE u.id = ?`;

/** The refusal of an entry whose cycle subquery found the facts changed (its NOT NULL column), on SQLite and on PostgreSQL. */
const FACTS_CHANGED = /NOT NULL constraint failed: evidence\.cycle_id|null value in column "cycle_id" of relation "evidence"/;

/** What an evidence entry holds: the HTTP body, or the same fields from another module's action. */
export type NewEvidence = Pick<CreateEvidenceDto, 'kind' | 'indicatorId' | 'value' | 'text' | 'observedOn' | 'method' | 'source' | 'sampleSize'>;

@Injectable()
export class EvidenceService {
  private readonly logger = new Logger(EvidenceService.name);
  private sqliteWrite?: SqliteEntryWrite;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly cycles: CycleAccessPolicy,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly reads: Reads,
    private readonly auth: AuthService,
  ) {}

  /** Adds an entry for a caller whose account is already read (the demo data); see `addFor` for the HTTP route. */
  add(actor: Principal, cycleId: string, dto: CreateEvidenceDto): Promise<EvidenceView> {
    return this.tx.run((em) => this.addWithin(em, actor, cycleId, dto));
  }

  /**
   * POST /cycles/:id/evidence, whose route reads the caller's account itself (@ReadsAccountItself()):
   * where the write can go in one trip, the account is read with the entry's facts, one query for
   * both; 401 when it no longer admits the token. Every refusal is worded by `addWithin`, after the
   * account is read again.
   */
  async addFor(holder: TokenHolder, cycleId: string, dto: CreateEvidenceDto): Promise<EvidenceView> {
    if (this.tx.oneTrip) {
      const [facts] = await this.reads.select<EntryFacts>(ENTRY_FACTS_SQL, [cycleId, dto.indicatorId ?? null, holder.id]);
      const actor = principalOf(holder, facts);
      if (!actor) throw new SignInAgain();
      const added = await this.addInOneTrip(holder, actor, facts, cycleId, dto);
      if (added) return added;
    }
    const actor = await this.auth.confirm(holder);
    if (!actor) throw new SignInAgain();
    return this.tx.run((em) => this.addWithin(em, actor, cycleId, dto));
  }

  /**
   * `addWithin` with the write sent in one trip: the checks run on the facts read (`addFor`), and the
   * entry and its audit row go to the database together (on SQLite one prepared statement whose
   * trigger writes both, see SqliteEntryWrite; on PostgreSQL one statement), the entry's insert
   * failing unless those facts, the caller's account among them, are still what was read. Null — and `addWithin` decides —
   * when a check refuses (it words the refusal), when the facts changed in between, or when the write
   * failed (nothing written).
   */
  private async addInOneTrip(holder: TokenHolder, actor: Principal, facts: EntryFacts, cycleId: string, dto: CreateEvidenceDto): Promise<EvidenceView | null> {
    if (facts.phase === null || facts.initiativeId === null || facts.status === null) return null;
    const cycle = { ...facts, phase: facts.phase, initiativeId: facts.initiativeId, status: facts.status };
    if (!this.policy.allowsOnCycle(actor, Permission.CycleContribute, cycle)) return null;
    const indicator = facts.indicatorKind && facts.indicatorInitiativeId === facts.initiativeId ? { kind: facts.indicatorKind } : null;
    if (dto.indicatorId && !indicator) return null;
    if (!canChangeWork(cycle).allowed || !evidenceVerdict(cycle.phase).allowed || !checkEvidenceEntry(dto, indicator).allowed) return null;

    const entry = this.newEntry(actor, cycleId, facts.initiativeId, dto);
    const view = toEvidenceView(entry);
    const audit: AuditChange = { action: 'create', entityType: 'evidence', entityId: entry.id, initiativeId: facts.initiativeId, after: view };
    const guard: EntryGuard = {
      userId: actor.id,
      cycleId,
      initiativeId: facts.initiativeId,
      phase: facts.phase,
      status: facts.status,
      digestSharing: facts.digestSharing,
      memberRole: facts.memberRole,
      active: true,
      role: actor.role,
      tokenVersion: holder.tokenVersion,
      indicatorId: entry.indicatorId,
      indicatorKind: indicator?.kind ?? null,
    };
    try {
      const written = this.tx.scripted ? await this.writeOnSqlite(actor, entry, guard, audit) : await this.writeOnPostgres(actor, entry, guard, audit);
      return written ? view : null;
    } catch (error) {
      if (!FACTS_CHANGED.test(String(error))) {
        this.logger.warn(`an evidence entry's one-trip write failed and nothing was written; writing it the usual way: ${String(error)}`);
      }
      return null;
    }
  }

  /** The entry and its audit row as one prepared statement (SqliteEntryWrite); false when there is no audit row to write. */
  private async writeOnSqlite(actor: Principal, entry: Evidence, guard: EntryGuard, change: AuditChange): Promise<boolean> {
    const audit = this.audit.rowValues(actor, change);
    if (!audit) return false;
    const write = (this.sqliteWrite ??= new SqliteEntryWrite(this.dataSource, this.audit.table()));
    await this.tx.runPrepared(write.setup, write.insert, write.parameters(entry, guard, audit));
    return true;
  }

  /** The entry and its audit row as one statement (Transactions.runInOneTrip); false when there is no audit row to write. */
  private async writeOnPostgres(actor: Principal, entry: Evidence, guard: EntryGuard, change: AuditChange): Promise<boolean> {
    const write = this.tx.oneTripWrite();
    const v = write.bind;
    const cycle = cycleWhileUnchanged((name) => v(guard[name]), guard.indicatorId ? 'checked' : 'none');
    write.add(insertRowSql(this.dataSource, Evidence, entry, { cycleId: cycle }, v));
    const auditRow = this.audit.insertSql(actor, change, v);
    if (!auditRow) return false;
    await this.tx.runInOneTrip(write.add(auditRow));
    return true;
  }

  /**
   * Records an entry inside the caller's transaction (the survey import's evidence): the same access
   * check, phase rule, entry rule and audit row as `add`, so there is one way to write evidence.
   */
  async addWithin(em: EntityManager, actor: Principal, cycleId: string, dto: NewEvidence): Promise<EvidenceView> {
    // The indicator is looked up beside the access query, not after it: one round trip fewer in the write transaction.
    const [access, indicator] = await Promise.allSettled([
      this.cycles.forWork(actor, cycleId, Permission.CycleContribute, em),
      dto.indicatorId ? em.findOne(Indicator, { where: { id: dto.indicatorId } }) : Promise.resolve(null),
    ]);
    if (access.status === 'rejected') throw access.reason;
    if (indicator.status === 'rejected') throw indicator.reason;
    const { cycle } = access.value;
    assertEvidenceEditable(cycle.phase);
    checkEntryWith(cycle.initiativeId, dto, indicator.value);
    const entry = this.newEntry(actor, cycleId, cycle.initiativeId, dto);
    // Sent together: the connection runs them in order, and the transaction commits both or neither.
    await Promise.all([
      em.insert(Evidence, entry),
      this.audit.record(em, actor, {
        action: 'create',
        entityType: 'evidence',
        entityId: entry.id,
        initiativeId: cycle.initiativeId,
        after: toEvidenceView(entry),
      }),
    ]);
    return toEvidenceView(entry);
  }

  private newEntry(actor: Principal, cycleId: string, initiativeId: string, dto: NewEvidence): Evidence {
    return {
      id: newId(),
      cycleId,
      initiativeId,
      kind: dto.kind,
      indicatorId: dto.indicatorId ?? null,
      value: dto.value ?? null,
      text: dto.text ?? null,
      observedOn: dto.observedOn,
      method: dto.method,
      source: dto.source ?? null,
      sampleSize: dto.sampleSize ?? null,
      createdBy: actor.id,
      createdAt: this.clock.now(),
      removedAt: null,
    };
  }

  async list(actor: Principal, cycleId: string, page: PageQuery): Promise<Page<EvidenceView>> {
    await this.cycles.cycle(actor, cycleId, Permission.InitiativeRead);
    const [items, total] = await this.dataSource.getRepository(Evidence).findAndCount({
      where: { cycleId, removedAt: IsNull() },
      order: { observedOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: items.map(toEvidenceView), total };
  }

  /** Rewrites an entry under the same rules as adding one; the fields left out of the body keep their values, and `null` clears an optional one. */
  update(actor: Principal, cycleId: string, evidenceId: string, dto: UpdateEvidenceDto): Promise<EvidenceView> {
    return this.tx.run(async (em) => {
      const { cycle, entry } = await this.editableEntry(em, actor, cycleId, evidenceId, false);
      const before = toEvidenceView(entry);
      const pick = <K extends keyof UpdateEvidenceDto & keyof Evidence>(key: K, current: Evidence[K]) => (key in dto ? (dto[key] ?? null) : current);
      const next: Evidence = {
        ...entry,
        kind: dto.kind ?? entry.kind,
        indicatorId: pick('indicatorId', entry.indicatorId),
        value: pick('value', entry.value),
        text: pick('text', entry.text),
        observedOn: dto.observedOn ?? entry.observedOn,
        method: dto.method ?? entry.method,
        source: pick('source', entry.source),
        sampleSize: pick('sampleSize', entry.sampleSize),
      };
      await this.checkEntry(em, cycle.initiativeId, {
        ...next,
        indicatorId: next.indicatorId ?? undefined,
        value: next.value === null ? undefined : Number(next.value),
        text: next.text ?? undefined,
        source: next.source ?? undefined,
        sampleSize: next.sampleSize ?? undefined,
      });
      const { kind, indicatorId, value, text, observedOn, method, source, sampleSize } = next;
      await em.update(Evidence, { id: evidenceId }, { kind, indicatorId, value, text, observedOn, method, source, sampleSize });
      const after = toEvidenceView(next);
      await this.audit.record(em, actor, { action: 'update', entityType: 'evidence', entityId: evidenceId, initiativeId: cycle.initiativeId, before, after });
      return after;
    });
  }

  /** Marks the entry removed: it counts nowhere from now on, and `restore` brings it back while its phase is editable. */
  remove(actor: Principal, cycleId: string, evidenceId: string): Promise<void> {
    return this.tx.run(async (em) => {
      const { cycle, entry } = await this.editableEntry(em, actor, cycleId, evidenceId, false);
      await em.update(Evidence, { id: evidenceId }, { removedAt: this.clock.now() });
      await this.audit.record(em, actor, {
        action: 'delete',
        entityType: 'evidence',
        entityId: evidenceId,
        initiativeId: cycle.initiativeId,
        before: toEvidenceView(entry),
        after: null,
      });
    });
  }

  restore(actor: Principal, cycleId: string, evidenceId: string): Promise<EvidenceView> {
    return this.tx.run(async (em) => {
      const { cycle, entry } = await this.editableEntry(em, actor, cycleId, evidenceId, true);
      await em.update(Evidence, { id: evidenceId }, { removedAt: null });
      const after = toEvidenceView(entry);
      await this.audit.record(em, actor, {
        action: 'restore',
        entityType: 'evidence',
        entityId: evidenceId,
        initiativeId: cycle.initiativeId,
        before: null,
        after,
      });
      return after;
    });
  }

  private async editableEntry(em: EntityManager, actor: Principal, cycleId: string, evidenceId: string, removed: boolean) {
    const { cycle } = await this.cycles.forWork(actor, cycleId, Permission.CycleContribute, em);
    const entry = await em.findOne(Evidence, { where: { id: evidenceId, cycleId } });
    if (!entry || (entry.removedAt !== null) !== removed) {
      throw new NotFoundException(removed ? 'No removed evidence entry with this id in this cycle.' : 'No evidence entry with this id in this cycle.');
    }
    assertEvidenceEditable(cycle.phase);
    return { cycle, entry };
  }

  private async checkEntry(em: EntityManager, initiativeId: string, dto: NewEvidence): Promise<void> {
    checkEntryWith(initiativeId, dto, dto.indicatorId ? await em.findOne(Indicator, { where: { id: dto.indicatorId } }) : null);
  }
}

/** The entry rules, given the indicator the entry names (looked up by id; it must be one of this initiative's). */
function checkEntryWith(initiativeId: string, dto: NewEvidence, found: Indicator | null): void {
  const indicator = found && found.initiativeId === initiativeId ? found : null;
  if (dto.indicatorId && !indicator) {
    throw new BadRequestException({
      message: 'The indicator chosen is not one of this initiative’s indicators.',
      details: [{ field: 'indicatorId', problems: ['Choose one of this initiative’s indicators.'] }],
    });
  }
  assertAllowed(checkEvidenceEntry(dto, indicator), 'bad-input');
}

/** Whether the phase lets evidence be added, changed or removed (the phase rules' verdict). */
const evidenceVerdict = (phase: Phase) => canEdit({ phase, hypothesis: null, adaptation: null, reflection: null, evidenceCount: 0 }, 'evidence');

function assertEvidenceEditable(phase: Phase): void {
  assertAllowed(evidenceVerdict(phase));
}
