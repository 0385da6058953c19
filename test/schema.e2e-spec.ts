import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, getMetadataArgsStorage, Table } from 'typeorm';
import { createDataSource, dataSourceOptions, loadConfig, migrate, MIGRATIONS } from '@r2c/core';
// Importing the API's root module (which takes in the workers' too) declares every entity the app loads.
import '../apps/api/src/api.module';
import { createTestDatabase } from './support/test-database';

const ENTITIES = getMetadataArgsStorage()
  .tables.filter((t) => t.type === 'regular')
  .map((t) => t.target);
// TypeORM's own tables, and SQLite's counter table that appears with its first AUTOINCREMENT and stays.
const BOOKKEEPING = ['migrations', 'typeorm_metadata', 'sqlite_sequence'];

/** The SQL TypeORM would run to make the database fit the entities: none, when they agree. */
async function pendingChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

function describeTable(table: Table) {
  const byName = <T extends { name?: string }>(items: T[]) => [...items].sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return {
    // PostgreSQL lists a table's columns in no fixed order.
    columns: byName(table.columns).map((c) => ({
      name: c.name,
      type: c.type,
      length: c.length,
      nullable: c.isNullable,
      default: c.default,
      primary: c.isPrimary,
      unique: c.isUnique,
    })),
    indices: byName(table.indices).map((i) => ({ name: i.name, columns: i.columnNames, unique: i.isUnique, where: i.where || undefined })),
    foreignKeys: byName(table.foreignKeys).map((f) => ({
      name: f.name,
      columns: f.columnNames,
      references: `${f.referencedTableName}(${f.referencedColumnNames.join(', ')})`,
      onDelete: f.onDelete,
      onUpdate: f.onUpdate,
    })),
    uniques: byName(table.uniques).map((u) => ({ name: u.name, columns: u.columnNames })),
    checks: byName(table.checks).map((c) => ({ name: c.name, expression: c.expression })),
  };
}

type Schema = Awaited<ReturnType<typeof schemaOf>>;

function expectSame(actual: unknown, expected: unknown, what: string) {
  try {
    expect(actual).toEqual(expected);
  } catch (error) {
    (error as Error).message = `${what}:\n${(error as Error).message}`;
    throw error;
  }
}

/** Every table the migrations made (entities or not), as TypeORM reads it back. */
async function schemaOf(dataSource: DataSource) {
  const runner = dataSource.createQueryRunner();
  try {
    // PostgreSQL names tables outside the current schema (its catalogs) with their schema: not ours.
    const tables = (await runner.getTables()).filter((t) => !t.name.includes('.') && !BOOKKEEPING.includes(t.name));
    return Object.fromEntries(tables.sort((a, b) => a.name.localeCompare(b.name)).map((t) => [t.name, describeTable(t)]));
  } finally {
    await runner.release();
  }
}

/** A database no one has used: its own DATA_DIR (SQLite) or its own PostgreSQL database. */
async function freshDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'r2c-schema-'));
  const database = await createTestDatabase();
  const config = loadConfig({ ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', REDIS_URL: '', DATABASE_URL: database.url ?? '' });
  return {
    open: (migrations = MIGRATIONS, entities = ENTITIES) => createDataSource(dataSourceOptions(config.database, entities, migrations)).initialize(),
    drop: async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('schema: the migrations and the entities agree, on the database under test', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  beforeEach(async () => {
    fresh = await freshDatabase();
  });
  afterEach(async () => fresh?.drop());

  it('asks for no schema change on a freshly migrated database', async () => {
    const dataSource = await fresh.open();
    try {
      await migrate(dataSource);
      // Only these two are read and written with SQL of their own, without an entity.
      const withoutEntity = Object.keys(await schemaOf(dataSource)).filter((table) => !dataSource.hasMetadata(table));
      expect(withoutEntity).toEqual(['login_throttle', 'schema_upgrades']);
      expectSame(await pendingChanges(dataSource), [], 'The entities differ from the migrated schema; TypeORM would run');
    } finally {
      await dataSource.destroy();
    }
  });

  it('opens with only some entities loaded, as the worker process does, adding the ones their foreign keys reference', async () => {
    const some = ENTITIES.filter((e) => ['cycle_summaries', 'mail_preferences'].includes(getMetadataArgsStorage().tables.find((t) => t.target === e)!.name!));
    const dataSource = await fresh.open(MIGRATIONS, some);
    try {
      await migrate(dataSource);
      expect(dataSource.entityMetadatas.map((m) => m.tableName).sort()).toEqual([
        'cycle_summaries',
        'cycles',
        'initiatives',
        'libraries',
        'mail_preferences',
        'users',
      ]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('undoes every migration with its down, back to an empty schema, and migrates up again to the same schema', async () => {
    // The schema after each prefix of the history, as an older release left it: what each down must return to.
    const after: Schema[] = [];
    for (let k = 0; k <= MIGRATIONS.length; k++) {
      const upTo = await fresh.open(MIGRATIONS.slice(0, k));
      try {
        await migrate(upTo);
        after.push(await schemaOf(upTo));
      } finally {
        await upTo.destroy();
      }
    }
    expect(after[0]).toEqual({});

    const dataSource = await fresh.open();
    try {
      for (let k = MIGRATIONS.length - 1; k >= 0; k--) {
        await dataSource.undoLastMigration({ transaction: 'each' });
        expectSame(await schemaOf(dataSource), after[k], `${MIGRATIONS[k].name}'s down leaves a schema other than the one before its up`);
      }
      await migrate(dataSource);
      expectSame(await schemaOf(dataSource), after[MIGRATIONS.length], 'Migrating up again after every down gives another schema');
      expectSame(await pendingChanges(dataSource), [], 'After down and up again, the entities differ from the schema; TypeORM would run');
    } finally {
      await dataSource.destroy();
    }
  });

  it('keeps the rows of every table a down leaves in place', async () => {
    const dataSource = await fresh.open();
    try {
      await migrate(dataSource);
      const postgres = dataSource.options.type === 'postgres';
      const at = '2026-03-02T12:00:00.000Z';
      const created = { created_at: at, updated_at: at };
      // One coalition, so that a down which rebuilds a referenced table while foreign keys are enforced
      // shows as rows its cascades deleted.
      const rows: Record<string, Record<string, unknown>> = {
        users: { id: 'u1', email: 'librarian@library.test', name: 'Librarian', role: 'librarian', password_hash: 'x', ...created },
        libraries: { id: 'l1', name: 'Riverbend Library', city: 'Riverbend', state: 'MT', community_type: 'rural', timezone: 'America/Denver', ...created },
        initiatives: {
          id: 'i1',
          library_id: 'l1',
          title: 'Conversations',
          summary: 's',
          audience: 'a',
          learning_question: 'q',
          check_in_cadence_days: 14,
          start_date: '2026-03-02',
          status: 'active',
          ...created,
        },
        memberships: { initiative_id: 'i1', user_id: 'u1', role: 'librarian', created_at: at },
        mail_preferences: { user_id: 'u1', updated_at: at },
        audit_entries: { id: 'a1', actor_id: 'u1', action: 'create', entity_type: 'initiative', entity_id: 'i1', initiative_id: 'i1', at },
        indicators: { id: 'n1', initiative_id: 'i1', name: 'Attendance', unit: 'people', kind: 'count', direction: 'up', ...created },
        cycles: {
          id: 'c1',
          initiative_id: 'i1',
          number: 1,
          title: 'Welcome',
          planned_start: '2026-03-02',
          planned_end: '2026-04-13',
          phase: 'plan',
          open_initiative_id: 'i1',
          ...created,
        },
        evidence: {
          id: 'e1',
          cycle_id: 'c1',
          initiative_id: 'i1',
          kind: 'measurement',
          indicator_id: 'n1',
          value: 12,
          observed_on: '2026-03-03',
          method: 'count',
          created_at: at,
        },
        check_ins: { id: 'k1', initiative_id: 'i1', author_id: 'u1', note: 'On track', created_at: at },
      };
      for (const [table, row] of Object.entries(rows)) {
        const marks = Object.keys(row).map((_, i) => (postgres ? `$${i + 1}` : '?'));
        await dataSource.query(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${marks.join(', ')})`, Object.values(row));
      }

      for (let k = MIGRATIONS.length - 1; k >= 0; k--) {
        await dataSource.undoLastMigration({ transaction: 'each' });
        const tables = Object.keys(await schemaOf(dataSource));
        const counts: Record<string, number> = {};
        for (const table of Object.keys(rows).filter((t) => tables.includes(t)))
          counts[table] = Number((await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
        expectSame(counts, Object.fromEntries(Object.keys(counts).map((t) => [t, 1])), `${MIGRATIONS[k].name}'s down deletes rows of tables it keeps`);
      }
    } finally {
      await dataSource.destroy();
    }
  });
});
