import { randomUUID } from 'node:crypto';
import { QueryRunner, TableColumnOptions } from 'typeorm';

export const newId = (): string => randomUUID();

/** Column helpers for migrations that must read the same on SQLite and PostgreSQL. */
export function columnsFor(queryRunner: QueryRunner) {
  const postgres = queryRunner.connection.options.type === 'postgres';
  return {
    id: (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true }),
    ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    varchar: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
    int: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
    number: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'double precision', isNullable: nullable }),
    bool: (name: string, fallback: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      isNullable: false,
      default: postgres ? String(fallback) : fallback ? 1 : 0,
    }),
    date: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'date', isNullable: nullable }),
    instant: (name: string, nullable = false): TableColumnOptions => ({ name, type: postgres ? 'timestamptz' : 'datetime', isNullable: nullable }),
    json: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  };
}
