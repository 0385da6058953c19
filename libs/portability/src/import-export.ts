import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Transactions } from '@r2c/core';
import { EXPORT_FORMAT, EXPORT_SECTIONS, EXPORT_VERSION } from './export-sections';
import { entityRow, metadataOf } from './section-rows';

/** A refusal that names what is wrong with the file or the target database. */
export class ImportRefused extends Error {}

/** Rows per INSERT: under SQLite's limit on bound parameters for the widest table. */
const ROWS_PER_INSERT = 50;

/**
 * Writes an export into a fresh database, all or nothing, keeping every id, so the records refer to
 * one another as before. Accounts come without passwords: an admin sets them (or `create-admin` first).
 */
@Injectable()
export class ImportExport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
  ) {}

  run(document: unknown): Promise<Record<string, number>> {
    const sections = this.checked(document);
    return this.tx.run(async (em) => {
      const present: string[] = [];
      for (const section of EXPORT_SECTIONS) {
        const rows = await em.createQueryBuilder(metadataOf(this.dataSource, section).target, 'r').getCount();
        if (rows) present.push(`${rows} ${section.key}`);
      }
      if (present.length) {
        throw new ImportRefused(`The database already holds ${present.join(', ')}: import into a fresh database (a new DATA_DIR or DATABASE_URL).`);
      }
      const counts: Record<string, number> = {};
      for (const section of EXPORT_SECTIONS) {
        const metadata = metadataOf(this.dataSource, section);
        const rows = (sections[section.key] ?? []).map((row) => entityRow(row, metadata, section));
        for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
          try {
            await em.insert(metadata.target, rows.slice(i, i + ROWS_PER_INSERT));
          } catch (error) {
            throw new ImportRefused(
              `Could not import ${section.key} (rows ${i + 1} to ${Math.min(i + ROWS_PER_INSERT, rows.length)}): ${error instanceof Error ? error.message : String(error)}. Nothing was imported.`,
            );
          }
        }
        counts[section.key] = rows.length;
      }
      return counts;
    });
  }

  private checked(document: unknown): Record<string, Record<string, unknown>[]> {
    const d = document as Record<string, unknown> | null;
    if (!d || typeof d !== 'object' || d.format !== EXPORT_FORMAT)
      throw new ImportRefused(`This is not an R2C Tracker export (its "format" is not "${EXPORT_FORMAT}").`);
    if (d.version !== EXPORT_VERSION)
      throw new ImportRefused(`This export is format version ${String(d.version)}; this version of the tracker imports version ${EXPORT_VERSION}.`);
    const sections: Record<string, Record<string, unknown>[]> = {};
    for (const section of EXPORT_SECTIONS) {
      const rows = d[section.key] ?? [];
      if (!Array.isArray(rows) || rows.some((r) => !r || typeof r !== 'object' || Array.isArray(r)))
        throw new ImportRefused(`"${section.key}" must be a list of records.`);
      sections[section.key] = rows as Record<string, unknown>[];
    }
    return sections;
  }
}
