import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { waitFor } from '../support/ports';
import { checkIn, pilotTakingEvidence } from './support/scenario';
import { CLI_MAIN, Spawned } from './support/spawned';
import { weekHoldingToday } from '../support/digest-news';

/** Every file and folder under `dir` (the folder too) whose mode lets its group or others in, with that mode. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.mode & 0o077) found.push(`${relative(dir, path) || '.'} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return found;
}

/**
 * DATA_DIR holds the database (with every email address), its secret key, emails with unsubscribe
 * links and backups: nobody but the app's own user may read them, whatever the umask it was started with.
 */
describe('files under DATA_DIR are the app user’s alone', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'r2c-modes-'));
  let app: Spawned | undefined;
  afterAll(async () => {
    await app?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the database, WAL, secret key, emails, backups and Redis files 0600 in 0700 folders, and tightens a loose DATA_DIR at start', async () => {
    // A DATA_DIR from before: open to everyone, with an old backup readable by all.
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'backups'), { mode: 0o755 });
    chmodSync(join(dataDir, 'backups'), 0o755);
    writeFileSync(join(dataDir, 'backups', 'r2c-old.sqlite'), 'an old copy', { mode: 0o644 });
    chmodSync(join(dataDir, 'backups', 'r2c-old.sqlite'), 0o644);
    const umask = process.umask(0o022); // the usual one; the app must not rely on a stricter one
    try {
      app = await Spawned.start({ dataDir, env: { SMTP_URL: '' } });
      const c = app.coalition();
      await c.signInAdmin();
      const pilot = await pilotTakingEvidence(c);
      await c.as(pilot.librarian.token).post(`/api/v1/initiatives/${pilot.initiativeId}/check-ins`, checkIn(1)).expect(201);
      await c.person('subscriber');
      await c.as(c.adminToken).post('/api/v1/digests/run', weekHoldingToday()).expect(202);
      await waitFor(
        async () => existsSync(join(dataDir, 'outbox')) && readdirSync(join(dataDir, 'outbox')).some((f) => f.endsWith('.eml')),
        30000,
        'an email in DATA_DIR/outbox',
      );
      const backup = spawnSync(process.execPath, [CLI_MAIN, 'backup'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' });
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      // The embedded Redis writes its append-only file each second.
      await waitFor(async () => existsSync(join(dataDir, 'redis', 'appendonlydir')), 10000, 'the Redis append-only folder');
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      process.umask(umask);
    }

    const names = (sub: string) => readdirSync(join(dataDir, sub));
    expect(names('.')).toEqual(expect.arrayContaining(['r2c.sqlite', 'r2c.sqlite-wal', 'r2c.sqlite-shm', 'secret.key', 'outbox', 'backups', 'redis']));
    expect(names('backups').length).toBe(2);
    expect(names('redis')).toEqual(expect.arrayContaining(['appendonlydir', 'redis.sock']));
    expect(names('redis/appendonlydir').length).toBeGreaterThan(0);
    expect(openToOthers(dataDir)).toEqual([]);
  });
});
