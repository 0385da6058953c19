import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy, Permission } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { Clock } from '@r2c/core';
import { EXPORT_FORMAT, EXPORT_SECTIONS, EXPORT_VERSION, ExportDocument } from './export-sections';
import { documentRow, exportedColumns, metadataOf } from './section-rows';

/**
 * The whole history of an initiative (or, for admins, of the coalition) as one documented JSON file
 * (docs/export-format.md), so a library never loses it if it moves on. One query per section.
 */
@Injectable()
export class ExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  async initiative(actor: Principal, initiativeId: string): Promise<ExportDocument> {
    await this.policy.require(actor, Permission.ExportRun, { initiativeId });
    return this.compile({ kind: 'initiative', initiativeId });
  }

  /** Everything: for admins only (the route says so). */
  coalition(): Promise<ExportDocument> {
    return this.compile({ kind: 'coalition' });
  }

  private async compile(scope: ExportDocument['scope']): Promise<ExportDocument> {
    const document: ExportDocument = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: this.clock.now().toISOString(), scope, counts: {} };
    for (const section of EXPORT_SECTIONS) {
      const metadata = metadataOf(this.dataSource, section);
      const qb = this.dataSource.createQueryBuilder(metadata.target, 'r');
      if (section.always) qb.andWhere(`(${section.always})`);
      if (scope.kind === 'initiative') qb.andWhere(`(${section.ofInitiative})`, { initiativeId: scope.initiativeId });
      for (const key of metadata.primaryColumns) qb.addOrderBy(`r.${key.propertyPath}`, 'ASC');
      const columns = exportedColumns(metadata, section);
      const rows = (await qb.getMany()).map((entity) => documentRow(entity as Record<string, unknown>, columns));
      document[section.key] = rows;
      document.counts[section.key] = rows.length;
    }
    return document;
  }
}
