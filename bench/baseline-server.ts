import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import sqlite3 from 'sqlite3';

/**
 * The baseline the API is compared with: a bare node:http server with the raw sqlite3 driver on the
 * same schema, doing the same insert and the same read without framework, ORM, validation or auth.
 * Run as its own process (like the API) by bench/run: `node baseline-server.js <sqlite file>`.
 */

const file = process.argv[2];
const db = new sqlite3.Database(file);

const run = (sql: string) => new Promise<void>((resolve, reject) => db.run(sql, (error) => (error ? reject(error) : resolve())));
const all = <T>(statement: sqlite3.Statement, params: unknown[]) =>
  new Promise<T[]>((resolve, reject) => statement.all(params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
const instant = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

interface EvidenceRow {
  id: string;
  cycle_id: string;
  initiative_id: string;
  kind: string;
  indicator_id: string | null;
  value: number | null;
  text: string | null;
  observed_on: string;
  method: string;
  source: string | null;
  sample_size: number | null;
  created_by: string | null;
  created_at: string;
}

/** The body a benchmark client posts (as the API takes it); read as sent, unchecked, as the baseline does. */
interface EvidenceBody {
  initiativeId: string;
  kind: string;
  indicatorId?: string | null;
  value?: number | null;
  text?: string | null;
  observedOn: string;
  method: string;
  source?: string | null;
  sampleSize?: number | null;
  createdBy?: string | null;
}

const view = (e: EvidenceRow) => ({
  id: e.id,
  cycleId: e.cycle_id,
  kind: e.kind,
  indicatorId: e.indicator_id,
  value: e.value,
  text: e.text,
  observedOn: e.observed_on,
  method: e.method,
  source: e.source,
  sampleSize: e.sample_size,
  createdBy: e.created_by,
  createdAt: new Date(e.created_at.replace(' ', 'T') + 'Z').toISOString(),
});

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function main(): Promise<void> {
  // The same pragmas as the app: busy timeout first, then WAL, synchronous NORMAL, foreign keys.
  await run('PRAGMA busy_timeout = 5000');
  await run('PRAGMA journal_mode = WAL');
  await run('PRAGMA synchronous = NORMAL');
  await run('PRAGMA foreign_keys = ON');
  const insert = db.prepare(
    `INSERT INTO evidence (id, cycle_id, initiative_id, kind, indicator_id, value, text, observed_on, method, source, sample_size, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const cycleById = db.prepare('SELECT * FROM cycles WHERE id = ?');
  const evidenceOf = db.prepare('SELECT * FROM evidence WHERE cycle_id = ? ORDER BY observed_on, created_at, id');

  const server = createServer((req, res) => {
    const match = req.url?.match(/^\/cycles\/([\w-]+)(\/evidence)?$/);
    if (!match) return send(res, 404, { message: 'not found' });
    const cycleId = match[1];
    void (async () => {
      try {
        if (req.method === 'POST' && match[2]) {
          const dto = JSON.parse(await readBody(req)) as EvidenceBody;
          const row: EvidenceRow = {
            id: randomUUID(),
            cycle_id: cycleId,
            initiative_id: dto.initiativeId,
            kind: dto.kind,
            indicator_id: dto.indicatorId ?? null,
            value: dto.value ?? null,
            text: dto.text ?? null,
            observed_on: dto.observedOn,
            method: dto.method,
            source: dto.source ?? null,
            sample_size: dto.sampleSize ?? null,
            created_by: dto.createdBy ?? null,
            created_at: instant(new Date()),
          };
          await new Promise<void>((resolve, reject) =>
            insert.run(
              [
                row.id,
                row.cycle_id,
                row.initiative_id,
                row.kind,
                row.indicator_id,
                row.value,
                row.text,
                row.observed_on,
                row.method,
                row.source,
                row.sample_size,
                row.created_by,
                row.created_at,
              ],
              (error) => (error ? reject(error) : resolve()),
            ),
          );
          return send(res, 201, view(row));
        }
        if (req.method === 'GET' && !match[2]) {
          const [cycle] = await all<Record<string, unknown>>(cycleById, [cycleId]);
          if (!cycle) return send(res, 404, { message: 'No cycle with this id.' });
          const evidence = await all<EvidenceRow>(evidenceOf, [cycleId]);
          return send(res, 200, { ...cycle, evidence: evidence.map(view) });
        }
        send(res, 405, { message: 'method not allowed' });
      } catch (error) {
        send(res, 500, { message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    process.send?.({ port });
  });
  process.on('SIGTERM', () => server.close(() => db.close(() => process.exit(0))));
}

void main();
