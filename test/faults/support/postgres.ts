import { execFileSync, execSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../../support/test-database';
import { onFreePort } from '../../support/ports';

export interface Postgres {
  /** A fresh, empty database of its own. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL database for one test: on TEST_DATABASE_URL's server when set (scripts/with-postgres.sh),
 * otherwise on a throwaway cluster started here the way that script does it.
 */
export async function startPostgres(): Promise<Postgres> {
  if (process.env.TEST_DATABASE_URL) {
    const database = await createTestDatabase();
    return { url: database.url!, stop: () => database.drop() };
  }
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) throw new Error('PostgreSQL server binaries not found (apt-get install -y postgresql)');
  const bin = `/usr/lib/postgresql/${versions[0]}/bin`;
  const dir = mkdtempSync(join(tmpdir(), 'r2c-fault-pg-'));
  const root = process.getuid?.() === 0;
  if (root) chownSync(dir, Number(execSync('id -u postgres').toString()), Number(execSync('id -g postgres').toString()));
  const asPostgres = (command: string) => (root ? execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command]) : execFileSync('sh', ['-c', command]));
  asPostgres(`${bin}/initdb -D ${dir}/data -U postgres --auth=trust -E UTF8 >/dev/null`);
  const port = await onFreePort(async (port) => {
    try {
      asPostgres(
        `${bin}/pg_ctl -D ${dir}/data -l ${dir}/log -o '-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' -w start >/dev/null`,
      );
      return port;
    } catch {
      // pg_ctl only says the server did not start; its log says why (a port taken meanwhile: "Address already in use").
      const log = existsSync(`${dir}/log`) ? readFileSync(`${dir}/log`, 'utf8').trim().split('\n').slice(-3).join(' ') : '';
      throw new Error(`PostgreSQL did not start on port ${port}: ${log}`);
    }
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      asPostgres(`${bin}/pg_ctl -D ${dir}/data -m immediate stop >/dev/null 2>&1 || true`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
