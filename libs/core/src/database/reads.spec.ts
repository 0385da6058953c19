import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Reads } from './reads';

describe('Reads on SQLite: a read-only connection with its statements prepared once', () => {
  let dir: string;
  let dataSource: DataSource;
  let reads: Reads;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reads-'));
    dataSource = await new DataSource({ type: 'sqlite', database: join(dir, 'reads.sqlite'), enableWAL: true }).initialize();
    await dataSource.query('CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)');
    await dataSource.query(`INSERT INTO people (id, name) VALUES (1, 'Rosa'), (2, 'Amir'), (3, 'Mai')`);
    reads = new Reads(dataSource);
  });
  afterAll(async () => {
    await reads.onApplicationShutdown();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the same SELECT with other parameters, many at once, and sees what the writer committed since', async () => {
    const byId = (id: number) => reads.select<{ name: string }>('SELECT name FROM people WHERE id = ?', [id]);
    const names = await Promise.all([1, 2, 3, 4, 1, 2, 3].map(async (id) => (await byId(id))[0]?.name ?? null));
    expect(names).toEqual(['Rosa', 'Amir', 'Mai', null, 'Rosa', 'Amir', 'Mai']);
    await dataSource.query(`UPDATE people SET name = 'Rosa Díaz' WHERE id = 1`);
    expect(await byId(1)).toEqual([{ name: 'Rosa Díaz' }]);
  });

  it('refuses a SELECT that does not prepare, without crashing, and keeps answering the others', async () => {
    await expect(reads.select('SELECT nope FROM nowhere WHERE id = ?', [1])).rejects.toThrow(/no such table/);
    await expect(reads.select('SELECT nope FROM nowhere WHERE id = ?', [1])).rejects.toThrow(/no such table/);
    expect(await reads.select('SELECT COUNT(*) AS n FROM people', [])).toEqual([{ n: 3 }]);
  });

  it('cannot write', async () => {
    await expect(reads.select(`INSERT INTO people (name) VALUES ('Eve')`, [])).rejects.toThrow(/readonly/);
  });
});
