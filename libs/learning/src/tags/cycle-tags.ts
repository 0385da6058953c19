import { EntityManager } from 'typeorm';
import type { StrategyTagView } from '@r2c/contracts';

/** The tags of many cycles in one query, by name. */
export async function tagsOfCycles(em: EntityManager, cycleIds: string[]): Promise<Map<string, StrategyTagView[]>> {
  const tagsOf = new Map<string, StrategyTagView[]>();
  if (!cycleIds.length) return tagsOf;
  const rows = await em
    .createQueryBuilder()
    .select(['ct.cycle_id AS cycle_id', 't.id AS id', 't.name AS name', 't.retired_at AS retired_at'])
    .from('cycle_tags', 'ct')
    .innerJoin('strategy_tags', 't', 't.id = ct.tag_id')
    .where('ct.cycle_id IN (:...cycleIds)', { cycleIds })
    .orderBy('t.name', 'ASC')
    .getRawMany<{ cycle_id: string; id: string; name: string; retired_at: unknown }>();
  for (const r of rows) {
    const list = tagsOf.get(r.cycle_id) ?? tagsOf.set(r.cycle_id, []).get(r.cycle_id)!;
    list.push({ id: r.id, name: r.name, retired: r.retired_at !== null });
  }
  return tagsOf;
}
