import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, QueryFailedError } from 'typeorm';
import { Reads, Transactions } from '@r2c/core';
import { createTestDatabase } from './support/test-database';

/**
 * Reads (`Reads#select`) and one-trip writes (`Transactions#runInOneTrip`) keep each text prepared: on
 * SQLite on the read-only connection, on PostgreSQL as a named statement on each pooled connection
 * (here a pool of one, so the statements can be counted). The same text run again must still see
 * what changed since — rows, and columns a migration changed — and a failure must refuse the call
 * alone.
 */
describe('prepared statements: run again and again, and still current', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  let dataSource: DataSource;
  let reads: Reads;
  let tx: Transactions;
  const postgres = () => dataSource.options.type === 'postgres';

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'prepared-'));
    dataSource = await new DataSource(
      database.url ? { type: 'postgres', url: database.url, extra: { max: 1 } } : { type: 'sqlite', database: join(dir, 'prepared.sqlite'), enableWAL: true },
    ).initialize();
    await dataSource.query('CREATE TABLE visits (id INTEGER PRIMARY KEY, library TEXT NOT NULL, people INTEGER)');
    await dataSource.query(`INSERT INTO visits (id, library, people) VALUES (1, 'Riverbend', 12), (2, 'Eastgate', 30)`);
    reads = new Reads(dataSource);
    tx = new Transactions(dataSource);
  });
  afterAll(async () => {
    await reads?.onApplicationShutdown();
    await dataSource?.destroy();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const peopleAt = (library: string) => reads.select<{ people: number | string | null }>('SELECT people FROM visits WHERE library = ?', [library]);

  it('answers one text with other parameters, many at once, and sees each commit since', async () => {
    const answers = await Promise.all(['Riverbend', 'Eastgate', 'Northside', 'Riverbend'].map(async (library) => (await peopleAt(library))[0]?.people ?? null));
    expect(answers).toEqual([12, 30, null, 12]);
    await dataSource.query(`UPDATE visits SET people = 14 WHERE id = 1`);
    expect(await peopleAt('Riverbend')).toEqual([{ people: 14 }]);
  });

  it('parses each text once on a connection, however often it runs', async () => {
    for (let i = 0; i < 5; i++) await peopleAt('Riverbend');
    if (postgres()) {
      const prepared = await reads.select<{ statement: string }>(`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'r2c_%' AND statement LIKE ?`, [
        '%FROM visits WHERE library%',
      ]);
      expect(prepared.map((row) => row.statement)).toEqual(['SELECT people FROM visits WHERE library = $1']);
    } else {
      const kept = (reads as unknown as { statements: Map<string, unknown> }).statements;
      expect([...kept.keys()].filter((sql) => sql.includes('FROM visits WHERE library'))).toEqual(['SELECT people FROM visits WHERE library = ?']);
    }
  });

  it('writes one shape again and again in one trip, each a transaction of its own', async () => {
    for (const [id, people] of [
      [3, 7],
      [4, 9],
    ]) {
      const write = tx.oneTripWrite();
      const v = write.bind;
      write.add(`INSERT INTO visits (id, library, people) VALUES (${v(id)}, ${v('Northside')}, ${v(people)})`);
      await tx.runInOneTrip(write);
    }
    expect(await peopleAt('Northside')).toEqual([{ people: 7 }, { people: 9 }]);
  });

  it('refuses a write that breaks a rule, writing nothing of it, and the next one of that shape goes in', async () => {
    const write = (id: number, library: string | null) => {
      const one = tx.oneTripWrite();
      const v = one.bind;
      one.add(`INSERT INTO visits (id, library, people) VALUES (${v(id)}, ${v('Westfield')}, ${v(1)})`);
      one.add(`INSERT INTO visits (id, library, people) VALUES (${v(id + 1)}, ${v(library)}, ${v(2)})`);
      return tx.runInOneTrip(one);
    };
    const refused = await write(10, null).catch((error: unknown) => error);
    expect(String(refused)).toMatch(/NOT NULL|null value/);
    if (postgres()) expect(refused).toBeInstanceOf(QueryFailedError);
    expect(await peopleAt('Westfield')).toEqual([]);
    await write(20, 'Westfield');
    expect((await peopleAt('Westfield')).length).toBe(2);
  });

  it('refuses a read that cannot run, and keeps answering the others', async () => {
    await expect(reads.select('SELECT nope FROM visits WHERE id = ?', [1])).rejects.toThrow(/nope/);
    await expect(reads.select('SELECT nope FROM visits WHERE id = ?', [1])).rejects.toThrow(/nope/);
    expect(await peopleAt('Eastgate')).toEqual([{ people: 30 }]);
  });

  it('still answers a text once a migration changed the type of a column it reads', async () => {
    await peopleAt('Eastgate');
    if (postgres()) await dataSource.query(`ALTER TABLE visits ALTER COLUMN people TYPE TEXT`);
    else {
      await reads.close(); // SQLite cannot change a column's type in place; a migration rebuilds the table, with no reader open
      await dataSource.query('CREATE TABLE visits_new (id INTEGER PRIMARY KEY, library TEXT NOT NULL, people TEXT)');
      await dataSource.query('INSERT INTO visits_new SELECT id, library, CAST(people AS TEXT) FROM visits');
      await dataSource.query('DROP TABLE visits');
      await dataSource.query('ALTER TABLE visits_new RENAME TO visits');
    }
    await dataSource.query(`UPDATE visits SET people = 'about thirty' WHERE id = 2`);
    expect(await peopleAt('Eastgate')).toEqual([{ people: 'about thirty' }]);
    expect(await peopleAt('Eastgate')).toEqual([{ people: 'about thirty' }]);
  });
});
