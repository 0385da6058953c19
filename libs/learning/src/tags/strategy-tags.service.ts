import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessPolicy, AuditService, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import type { StrategyTagView } from '@r2c/contracts';
import { Clock, newId } from '@r2c/core';
import { tagsOfCycles } from './cycle-tags';
import { CycleTag, StrategyTag } from './strategy-tag.entity';

const toView = (t: Pick<StrategyTag, 'id' | 'name' | 'retiredAt'>): StrategyTagView => ({ id: t.id, name: t.name, retired: t.retiredAt !== null });
const byName = (a: StrategyTagView, b: StrategyTagView) => a.name.localeCompare(b.name);

/** The coalition's curated strategy tags: admins add, rename and retire them; librarians tag their cycle's hypothesis. */
@Injectable()
export class StrategyTagsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(includeRetired = false): Promise<StrategyTagView[]> {
    const tags = await this.dataSource.getRepository(StrategyTag).find({ order: { name: 'ASC' } });
    return tags.filter((t) => includeRetired || t.retiredAt === null).map(toView);
  }

  async create(actor: Principal, name: string): Promise<StrategyTagView> {
    await this.policy.require(actor, Permission.StrategyTagsManage);
    return this.dataSource.transaction(async (em) => {
      await this.refuseTakenName(em, name);
      const tag: StrategyTag = { id: newId(), name, retiredAt: null, createdAt: this.clock.now() };
      await em.insert(StrategyTag, tag);
      await this.audit.record(em, actor, { action: 'create', entityType: 'strategy_tag', entityId: tag.id, after: { name } });
      return toView(tag);
    });
  }

  async update(actor: Principal, id: string, change: { name?: string; retired?: boolean }): Promise<StrategyTagView> {
    await this.policy.require(actor, Permission.StrategyTagsManage);
    return this.dataSource.transaction(async (em) => {
      const tag = await em.findOneBy(StrategyTag, { id });
      if (!tag) throw new NotFoundException('No strategy tag with this id.');
      if (change.name !== undefined && change.name !== tag.name) await this.refuseTakenName(em, change.name, id);
      const next: StrategyTag = {
        ...tag,
        name: change.name ?? tag.name,
        retiredAt: change.retired === undefined ? tag.retiredAt : change.retired ? (tag.retiredAt ?? this.clock.now()) : null,
      };
      await em.update(StrategyTag, { id }, { name: next.name, retiredAt: next.retiredAt });
      await this.audit.record(em, actor, {
        action: 'update',
        entityType: 'strategy_tag',
        entityId: id,
        before: { name: tag.name, retired: tag.retiredAt !== null },
        after: { name: next.name, retired: next.retiredAt !== null },
      });
      return toView(next);
    });
  }

  /** A cycle's tags, for anyone who can see its initiative. */
  async ofCycle(actor: Principal, cycleId: string): Promise<StrategyTagView[]> {
    await this.policy.require(actor, Permission.InitiativeRead, { cycle: await this.cycleFacts(this.dataSource.manager, cycleId) });
    return (await this.byCycle(this.dataSource.manager, [cycleId])).get(cycleId) ?? [];
  }

  /**
   * Replaces the tags of a cycle's hypothesis (its initiative's librarians and admins, in any phase:
   * tagging is curation, so a closed cycle can be tagged and stays otherwise frozen). Audited.
   */
  async tagCycle(actor: Principal, cycleId: string, tagIds: string[]): Promise<StrategyTagView[]> {
    return this.dataSource.transaction(async (em) => {
      const cycle = await this.cycleFacts(em, cycleId);
      await this.policy.require(actor, Permission.CycleContribute, { cycle }, em);
      const wanted = [...new Set(tagIds)];
      const before = (await this.byCycle(em, [cycleId])).get(cycleId) ?? [];
      const found = wanted.length ? await em.findBy(StrategyTag, { id: In(wanted) }) : [];
      const unknown = wanted.filter((id) => !found.some((t) => t.id === id));
      if (unknown.length) throw new BadRequestException(`tagIds: no strategy tag with the id ${unknown.join(', ')}.`);
      const retired = found.filter((t) => t.retiredAt !== null && !before.some((b) => b.id === t.id));
      if (retired.length)
        throw new BadRequestException(`tagIds: ${retired.map((t) => `"${t.name}"`).join(', ')} has been retired; choose a tag from the list.`);
      await em.delete(CycleTag, { cycleId });
      if (wanted.length)
        await em.insert(
          CycleTag,
          wanted.map((tagId) => ({ cycleId, tagId })),
        );
      const after = found.map(toView).sort(byName);
      await this.audit.record(em, actor, {
        action: 'tag',
        entityType: 'cycle',
        entityId: cycleId,
        initiativeId: cycle.initiativeId,
        before: { tags: before.map((t) => t.name) },
        after: { tags: after.map((t) => t.name) },
      });
      return after;
    });
  }

  byCycle(em: EntityManager, cycleIds: string[]): Promise<Map<string, StrategyTagView[]>> {
    return tagsOfCycles(em, cycleIds);
  }

  private async cycleFacts(em: EntityManager, cycleId: string) {
    const row = await em
      .createQueryBuilder()
      .select(['c.id AS id', 'c.initiative_id AS initiative_id', 'c.phase AS phase'])
      .from('cycles', 'c')
      .where('c.id = :cycleId', { cycleId })
      .getRawOne<{ id: string; initiative_id: string; phase: string }>();
    if (!row) throw new NotFoundException('No cycle with this id.');
    return { id: row.id, initiativeId: row.initiative_id, phase: row.phase };
  }

  private async refuseTakenName(em: EntityManager, name: string, exceptId?: string): Promise<void> {
    const same = await em
      .createQueryBuilder()
      .select('t.id', 'id')
      .from('strategy_tags', 't')
      .where('LOWER(t.name) = LOWER(:name)', { name })
      .getRawOne<{ id: string }>();
    if (same && same.id !== exceptId) throw new ConflictException(`A strategy tag called "${name}" already exists.`);
  }
}
