import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSWORD } from '../support/fixtures';
import { client, json, Spawned } from './support/spawned';
import { checkIn, Pilot, pilotTakingEvidence } from './support/scenario';
import { querySqlite } from './support/sqlite-file';

const WRITERS = 10;

function npmRunBackup(dataDir: string, to: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'backup', '--', '--to', to], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe('backup and restore', () => {
  let app: Spawned;
  let restored: Spawned | undefined;
  let pilot: Pilot;
  const dir = mkdtempSync(join(tmpdir(), 'r2c-backup-'));

  beforeAll(async () => {
    app = await Spawned.start();
    const c = app.coalition();
    await c.signInAdmin();
    pilot = await pilotTakingEvidence(c);
  });
  afterAll(async () => {
    await app?.destroy();
    await restored?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('`npm run backup` takes a consistent snapshot while check-ins are written, and the app started on the copy finds every row acknowledged before it', async () => {
    const http = client(app.base, pilot.librarian.token);
    const acknowledged: { id: string; at: number }[] = [];
    const errors: string[] = [];
    let writing = true;
    const writers = Array.from({ length: WRITERS }, async (_, n) => {
      for (let i = 0; writing; i++) {
        const res = await http.post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, checkIn(n * 10000 + i));
        const body = await json(res);
        if (res.status === 201) acknowledged.push({ id: body.id, at: Date.now() });
        else errors.push(`${res.status} ${JSON.stringify(body)}`);
      }
    });

    await new Promise((r) => setTimeout(r, 2000)); // let the writers get going
    const backupStarted = Date.now();
    const copy = join(dir, 'copy.sqlite');
    const backup = await npmRunBackup(app.dataDir, copy);
    await new Promise((r) => setTimeout(r, 500)); // and keep writing after it
    writing = false;
    await Promise.all(writers);

    expect(backup).toEqual({ code: 0, out: expect.stringMatching(/^backup written to .*copy\.sqlite \(\d+ bytes\)\n$/) });
    expect(errors).toEqual([]);
    const before = acknowledged.filter((a) => a.at < backupStarted).map((a) => a.id);
    expect(before.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(before.length); // writes ran during and after the backup too

    // Consistent: whole transactions only (each check-in with its audit row), and a sound file.
    expect(await querySqlite(copy, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    const inCopy = (await querySqlite<{ id: string }>(copy, 'SELECT id FROM check_ins')).map((r) => r.id);
    const audited = (await querySqlite<{ id: string }>(copy, "SELECT entity_id AS id FROM audit_entries WHERE entity_type = 'check_in'")).map((r) => r.id);
    expect(audited.sort()).toEqual([...inCopy].sort());
    expect(inCopy).toEqual(expect.arrayContaining(before));

    // Restore: a fresh DATA_DIR holding only the copy; the app starts on it and shows every row.
    const restoreDir = join(dir, 'restored');
    mkdirSync(restoreDir);
    copyFileSync(copy, join(restoreDir, 'r2c.sqlite'));
    restored = await Spawned.start({ dataDir: restoreDir });
    const token = await restored.coalition().login(pilot.librarian.email, PASSWORD);
    const seen: string[] = [];
    const lib = client(restored.base, token);
    for (let offset = 0; ; offset += 100) {
      const page = await json(await lib.get(`/api/v1/initiatives/${pilot.initiativeId}/check-ins?limit=100&offset=${offset}`));
      seen.push(...page.items.map((i: { id: string }) => i.id));
      if (seen.length >= page.total) break;
    }
    expect(seen.sort()).toEqual([...inCopy].sort());
    const cycle = await json(await lib.get(`/api/v1/cycles/${pilot.cycleId}`));
    expect(cycle).toMatchObject({ id: pilot.cycleId, phase: 'evidence' });
  }, 90000);

  it('refuses to overwrite an existing backup file, with one clear line', async () => {
    const existing = join(dir, 'copy.sqlite');
    const again = await npmRunBackup(app.dataDir, existing);
    expect(again.code).toBe(1);
    expect(again.out.trim()).toMatch(/already exists; give another --to/);
  });
});
