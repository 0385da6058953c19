import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';

/** How many distinct texts run as named statements; the app's are a few dozen constant texts, and any past these run unnamed. */
const KEPT_STATEMENTS = 200;

/** PostgreSQL refuses to run a prepared SELECT whose result columns a migration changed since it was prepared. */
const OUTDATED_BY_A_MIGRATION = /cached plan must not change result type/;

/**
 * Constant SQL texts run on PostgreSQL as named prepared statements: each pooled connection parses
 * the text once, and afterwards only binds and runs it, where an unnamed statement (what
 * `DataSource#query` sends) is parsed and planned again on every call. Only for statements outside a
 * transaction: each goes to whichever pooled connection is free, as `DataSource#query` does. The
 * statements are reported to TypeORM's logger and fail with its `QueryFailedError`, as
 * `DataSource#query` would.
 */
export class PostgresStatements {
  private readonly names = new Map<string, string>();
  private readonly unnamed = new Set<string>();

  constructor(private readonly dataSource: DataSource) {}

  async query<T>(text: string, parameters: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    this.dataSource.logger.logQuery(text, parameters);
    try {
      const name = this.nameOf(text);
      try {
        return (await pool.query({ name, text, values: parameters })).rows as T[];
      } catch (error) {
        if (!name || !OUTDATED_BY_A_MIGRATION.test(String(error))) throw error;
        this.names.delete(text);
        this.unnamed.add(text);
        return (await pool.query({ text, values: parameters })).rows as T[];
      }
    } catch (error) {
      this.dataSource.logger.logQueryError(error as Error, text, parameters);
      throw new QueryFailedError(text, parameters, error as Error);
    }
  }

  /** The statement's name, from its text (a name stands for one text on every connection); none for a text kept unnamed. */
  private nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.unnamed.has(text) || this.names.size >= KEPT_STATEMENTS) return known;
    const name = `r2c_${createHash('sha1').update(text).digest('hex')}`;
    this.names.set(text, name);
    return name;
  }
}

const byDataSource = new WeakMap<DataSource, PostgresStatements>();

/** The named statements of a PostgreSQL data source, one set for all who query through it. */
export function postgresStatements(dataSource: DataSource): PostgresStatements {
  let statements = byDataSource.get(dataSource);
  if (!statements) byDataSource.set(dataSource, (statements = new PostgresStatements(dataSource)));
  return statements;
}
