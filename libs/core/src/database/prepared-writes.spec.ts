import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { entityColumns, rowValues } from './sql-script';
import { Transactions } from './transactions';

@Entity('notes')
class Note {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'text', nullable: true }) body: string | null;
  @Column({ type: 'simple-json', nullable: true }) extra: { tags: string[] } | null;
  @Column({ type: 'boolean', default: false }) pinned: boolean;
  @Column({ name: 'written_at' }) writtenAt: Date;
}

@Entity('note_log')
class NoteLog {
  @PrimaryColumn({ type: 'varchar', length: 36 }) noteId: string;
  @Column({ type: 'text' }) body: string;
}

/** A TEMP view whose trigger writes a note and its log row: the shape of the evidence entry's write. */
const SETUP = `CREATE TEMP VIEW IF NOT EXISTS note_write AS SELECT NULL AS id, NULL AS body, NULL AS extra, NULL AS pinned, NULL AS written_at WHERE 0;
CREATE TEMP TRIGGER IF NOT EXISTS note_write_insert INSTEAD OF INSERT ON note_write BEGIN
  INSERT INTO main.notes (id, body, extra, pinned, written_at) VALUES (NEW.id, NEW.body, NEW.extra, NEW.pinned, NEW.written_at);
  INSERT INTO main.note_log ("noteId", body) VALUES (NEW.id, NEW.body);
END;`;
const INSERT = 'INSERT INTO temp.note_write (id, body, extra, pinned, written_at) VALUES (?, ?, ?, ?, ?)';

describe('Transactions.runPrepared (SQLite)', () => {
  let dir: string;
  let dataSource: DataSource;
  let db: sqlite3.Database;
  let tx: Transactions;
  const count = async (table: string) => Number((await dataSource.query<{ n: number }[]>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const note = (id: string, body: string | null): Note => ({
    id,
    body,
    extra: { tags: ['a', "it's"] },
    pinned: true,
    writtenAt: new Date('2026-03-16T10:00:00.250Z'),
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'prepared-writes-'));
    dataSource = await new DataSource({ type: 'sqlite', database: join(dir, 'notes.sqlite'), entities: [Note, NoteLog], synchronize: true }).initialize();
    db = (dataSource.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection;
    db.serialize();
    tx = new Transactions(dataSource);
  });
  afterEach(async () => {
    await tx.beforeApplicationShutdown();
    if (dataSource.isInitialized) await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds a row as TypeORM writes it, so TypeORM reads back what it would have written itself', async () => {
    expect(entityColumns(dataSource, Note)).toEqual(['id', 'body', 'extra', 'pinned', 'written_at']);
    await tx.runPrepared(SETUP, INSERT, rowValues(dataSource, Note, note('a', `'); DROP TABLE notes; --`)));
    await dataSource.getRepository(Note).insert(note('b', `'); DROP TABLE notes; --`));
    const [a, b] = await dataSource.getRepository(Note).find({ order: { id: 'ASC' } });
    expect({ ...a, id: 'b' }).toEqual(b);
    expect(a).toEqual(note('a', `'); DROP TABLE notes; --`));
  });

  it('sets up and prepares once, then writes both rows of each call in one statement', async () => {
    const exec = jest.spyOn(db, 'exec');
    const prepare = jest.spyOn(db, 'prepare');
    for (const id of ['a', 'b', 'c']) await tx.runPrepared(SETUP, INSERT, rowValues(dataSource, Note, note(id, id)));
    await Promise.all(['d', 'e', 'f'].map((id) => tx.runPrepared(SETUP, INSERT, rowValues(dataSource, Note, note(id, id)))));
    expect(exec).toHaveBeenCalledTimes(1);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect([await count('notes'), await count('note_log')]).toEqual([6, 6]);
  });

  it('writes neither row when the trigger’s second insert fails, and the next write goes through', async () => {
    await tx.runPrepared(SETUP, INSERT, rowValues(dataSource, Note, note('a', 'first')));
    await dataSource.query(`DELETE FROM notes`);
    // The log already holds 'a': the note's insert succeeds inside the statement, the log's fails, and the statement is undone whole.
    await expect(tx.runPrepared(SETUP, INSERT, rowValues(dataSource, Note, note('a', 'again')))).rejects.toThrow(/UNIQUE constraint failed: note_log/);
    expect([await count('notes'), await count('note_log')]).toEqual([0, 1]);
    await tx.runPrepared(SETUP, INSERT, rowValues(dataSource, Note, note('b', 'next')));
    expect([await count('notes'), await count('note_log')]).toEqual([1, 2]);
  });

  it('takes its turn with the other transactions: prepared writes and transactions sent together all commit', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const row = note(`n${String(i).padStart(2, '0')}`, i % 2 ? 'prepared' : 'typeorm');
        return i % 2 ? tx.runPrepared(SETUP, INSERT, rowValues(dataSource, Note, row)) : tx.run((em) => em.insert(Note, row));
      }),
    );
    expect(await count('notes')).toBe(40);
    expect(await count('note_log')).toBe(20);
  });

  it('finalizes its statements before the app shuts down, so the connection closes, and refuses writes after', async () => {
    await tx.runPrepared(SETUP, INSERT, rowValues(dataSource, Note, note('a', 'a')));
    await tx.beforeApplicationShutdown();
    await expect(tx.runPrepared(SETUP, INSERT, rowValues(dataSource, Note, note('b', 'b')))).rejects.toThrow(/shutting down/);
    await expect(dataSource.destroy()).resolves.toBeUndefined();
  });

  it('is for SQLite only', () => {
    const postgres = new Transactions({ options: { type: 'postgres' } } as unknown as DataSource);
    expect(() => postgres.runPrepared(SETUP, INSERT, [])).toThrow(/SQLite/);
  });
});
