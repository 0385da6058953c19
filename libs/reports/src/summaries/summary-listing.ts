import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import type { Phase, SummaryListItem } from '@r2c/contracts';
import { Page, PageQuery, rawInstant, rawJson } from '@r2c/core';
import type { Reflection } from '@r2c/cycles';
import { keyInsight } from '../digests/digest-content';

export type { SummaryListItem } from '@r2c/contracts';

type Row = Record<string, unknown>;

/**
 * Every compiled summary the caller may read (summary.read): the latest version of each cycle's,
 * newest first, whether or not a digest announced it. One query for the page and one for the total.
 */
@Injectable()
export class SummaryListing {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  async list(actor: Principal, page: PageQuery): Promise<Page<SummaryListItem>> {
    const readable = () =>
      this.policy.narrow(
        this.dataSource
          .createQueryBuilder()
          .from('cycle_summaries', 's')
          .innerJoin('cycles', 'c', 'c.id = s.cycle_id')
          .innerJoin('initiatives', 'i', 'i.id = c.initiative_id')
          .where('s.version = (SELECT MAX(v.version) FROM cycle_summaries v WHERE v.cycle_id = s.cycle_id)'),
        actor,
        Permission.SummaryRead,
        'c.initiative_id',
        { phase: 'c.phase', digestSharing: 'i.digest_sharing' },
      );
    const [rows, total] = await Promise.all([
      readable()
        .select([
          'c.id AS cycle_id',
          'c.number AS cycle_number',
          'c.title AS cycle_title',
          'c.phase AS phase',
          'c.closed_at AS closed_at',
          'c.reflection AS reflection',
          'i.id AS initiative_id',
          'i.title AS initiative_title',
          'l.name AS library_name',
          's.version AS version',
          's.compiled_at AS compiled_at',
        ])
        .innerJoin('libraries', 'l', 'l.id = i.library_id')
        .orderBy('s.compiled_at', 'DESC')
        .addOrderBy('c.id', 'ASC')
        .limit(page.limit)
        .offset(page.offset)
        .getRawMany<Row>(),
      readable().select('COUNT(*)', 'total').getRawOne<{ total: unknown }>(),
    ]);
    return {
      items: rows.map((r) => {
        const reflection = rawJson<Reflection>(r.reflection);
        return {
          cycleId: String(r.cycle_id),
          cycleNumber: Number(r.cycle_number),
          cycleTitle: String(r.cycle_title),
          phase: r.phase as Phase,
          initiativeId: String(r.initiative_id),
          initiativeTitle: String(r.initiative_title),
          libraryName: String(r.library_name),
          closedAt: rawInstant(r.closed_at),
          outcome: reflection?.outcome ?? null,
          decision: reflection?.decision ?? null,
          keyInsight: keyInsight(reflection?.insights),
          version: Number(r.version),
          compiledAt: rawInstant(r.compiled_at)!,
        };
      }),
      total: Number(total?.total ?? 0),
    };
  }
}
