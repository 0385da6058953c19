import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { columnLiteral, insertRowSql, OneTripWrite, sqlLiteral } from './sql-script';
import { Transactions } from './transactions';

@Entity('notes')
class Note {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'text', nullable: true }) body: string | null;
  @Column({ type: 'double precision', nullable: true }) amount: number | null;
  @Column({ type: 'simple-json', nullable: true }) extra: Record<string, unknown> | null;
  @Column({ type: 'boolean', default: false }) pinned: boolean;
  @Column({ name: 'written_at' }) writtenAt: Date;
}

const HOSTILE = [
  `it's "quoted"`,
  `'); DROP TABLE notes; --`,
  'a\u0000b after a NUL',
  'tab\tnew line\nreturn\r',
  'Ñandú · 多语言 · 🙂 · \u2028',
  '',
  "X'00' AS TEXT)",
];

describe('SQL written as text (sqlLiteral, insertRowSql, Transactions.runScript)', () => {
  let dir: string;
  let dataSource: DataSource;
  let tx: Transactions;
  const rows = () => dataSource.query<Record<string, unknown>[]>('SELECT * FROM notes ORDER BY id');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sql-script-'));
    dataSource = await new DataSource({ type: 'sqlite', database: join(dir, 'notes.sqlite'), entities: [Note], synchronize: true }).initialize();
    (dataSource.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection.serialize();
    tx = new Transactions(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => dataSource.query('DELETE FROM notes'));

  it('reads every value back exactly as written, whatever characters it holds', async () => {
    for (const [i, text] of HOSTILE.entries()) {
      const [row] = await dataSource.query<{ v: string }[]>(`SELECT ${sqlLiteral(text)} AS v`);
      expect({ i, v: row.v }).toEqual({ i, v: text });
    }
    const [numbers] = await dataSource.query<Record<string, unknown>[]>(
      `SELECT ${sqlLiteral(14)} AS a, ${sqlLiteral(-0.25)} AS b, ${sqlLiteral(1e21)} AS c, ${sqlLiteral(null)} AS d, ${sqlLiteral(true)} AS e`,
    );
    expect(numbers).toEqual({ a: 14, b: -0.25, c: 1e21, d: null, e: 1 });
  });

  it('refuses what has no SQL value', () => {
    expect(() => sqlLiteral(NaN)).toThrow(/cannot be written/);
    expect(() => sqlLiteral(Infinity)).toThrow(/cannot be written/);
    expect(() => sqlLiteral({} as unknown as string)).toThrow(/object/);
  });

  it('writes a row the way EntityManager.insert does: instants, JSON, booleans, defaults', async () => {
    const at = new Date('2026-03-10T09:05:03.007Z');
    const row = { body: HOSTILE.join(' | '), amount: 14.5, extra: { said: `"yes" it's` }, writtenAt: at };
    await dataSource.manager.insert(Note, { id: 'a', ...row, pinned: true });
    await tx.runScript(`BEGIN IMMEDIATE; ${insertRowSql(dataSource, Note, { id: 'b', ...row, pinned: true })}; COMMIT`);
    await tx.runScript(`BEGIN IMMEDIATE; ${insertRowSql(dataSource, Note, { id: 'c', body: null, amount: null, extra: null, writtenAt: at })}; COMMIT`);
    const [a, b, c] = await rows();
    expect({ ...b, id: 'a' }).toEqual(a);
    expect(c).toEqual({ id: 'c', body: null, amount: null, extra: null, pinned: 0, written_at: '2026-03-10 09:05:03.007' });
    const [read] = await dataSource.getRepository(Note).findBy({ id: 'b' });
    expect(read).toEqual({ id: 'b', ...row, pinned: true });
  });

  it("writes one column's value as TypeORM does (an UPDATE's SET), and names a missing column", async () => {
    const at = new Date('2026-03-10T09:05:03.007Z');
    await dataSource.manager.insert(Note, { id: 'a', writtenAt: new Date(0) });
    await tx.runScript(
      `BEGIN IMMEDIATE; UPDATE notes SET written_at = ${columnLiteral(dataSource, Note, 'writtenAt', at)}, extra = ${columnLiteral(dataSource, Note, 'extra', { n: 1 })}; COMMIT`,
    );
    expect(await dataSource.getRepository(Note).findOneByOrFail({ id: 'a' })).toMatchObject({ writtenAt: at, extra: { n: 1 } });
    expect(() => columnLiteral(dataSource, Note, 'nothing' as keyof Note, 1)).toThrow('Note has no column nothing');
  });

  it('writes SQL given for a property as is: a subquery whose NULL the NOT NULL column refuses, rolling the script back', async () => {
    const at = new Date();
    await dataSource.manager.insert(Note, { id: 'a', body: 'first', writtenAt: at });
    const whileAlone = `(SELECT 'b' WHERE (SELECT COUNT(*) FROM notes) = 1)`;
    const second = insertRowSql(dataSource, Note, { body: 'second', writtenAt: at }, { id: whileAlone });
    await tx.runScript(`BEGIN IMMEDIATE; ${second}; COMMIT`);
    const third = insertRowSql(dataSource, Note, { id: 'c', body: 'third', writtenAt: at }, { writtenAt: `(SELECT written_at FROM notes WHERE id = 'none')` });
    await expect(tx.runScript(`BEGIN IMMEDIATE; ${third}; COMMIT`)).rejects.toThrow(/NOT NULL constraint failed: notes\.written_at/);
    expect((await rows()).map((r) => r.body)).toEqual(['first', 'second']);
  });

  it('rolls the whole script back when one statement fails, and the next transaction runs as usual', async () => {
    const at = new Date();
    const script = `BEGIN IMMEDIATE; ${insertRowSql(dataSource, Note, { id: 'x', body: 'kept?', writtenAt: at })}; ${insertRowSql(dataSource, Note, { id: 'x', body: 'again', writtenAt: at })}; COMMIT`;
    await expect(tx.runScript(script)).rejects.toThrow(/UNIQUE/);
    const next = tx.run((em) => em.insert(Note, { id: 'y', body: 'after', writtenAt: at }));
    await expect(next).resolves.toBeDefined();
    expect((await rows()).map((r) => r.id)).toEqual(['y']);
  });

  it('takes its turn with the other transactions: scripts and transactions sent together all commit, in order', async () => {
    const at = new Date();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? tx.runScript(`BEGIN IMMEDIATE; ${insertRowSql(dataSource, Note, { id: `n${String(i).padStart(2, '0')}`, body: 'script', writtenAt: at })}; COMMIT`)
          : tx.run((em) => em.insert(Note, { id: `n${String(i).padStart(2, '0')}`, body: 'typeorm', writtenAt: at })),
      ),
    );
    expect((await rows()).length).toBe(40);
  });

  it('binds a one-trip write as literals on SQLite and as numbered parameters on PostgreSQL', async () => {
    const pg = new OneTripWrite('postgres');
    expect(`${pg.bind('a')} ${pg.bind(null)} ${pg.bind(HOSTILE[1])}`).toBe('$1 $2 $3');
    expect(pg.parameters).toEqual(['a', null, HOSTILE[1]]);

    const write = tx.oneTripWrite();
    expect(write.database).toBe('sqlite');
    const at = new Date();
    write.add(insertRowSql(dataSource, Note, { id: 'o1', body: HOSTILE[1], writtenAt: at }, {}, write.bind));
    write.add(insertRowSql(dataSource, Note, { id: 'o2', body: 'second', writtenAt: at }, {}, write.bind));
    expect(write.parameters).toEqual([]);
    await tx.runInOneTrip(write);
    expect((await rows()).filter((r) => String(r.id).startsWith('o')).map((r) => r.body)).toEqual([HOSTILE[1], 'second']);
  });
});
