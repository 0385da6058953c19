import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the app creates from now on (database, WAL, emails, backups, the embedded Redis's files, which
 * inherits it) is its user's alone: folders 0700, files 0600.
 */
export const PRIVATE_UMASK = 0o077;

/**
 * DATA_DIR holds every email address, the secret key, emails with unsubscribe links and backups.
 * Sets a private umask for this process and takes group and other permissions away from everything
 * already under DATA_DIR (a folder made by an older version, or copied in with loose modes).
 * Symbolic links are left alone: what they point to is not ours to change.
 */
export function keepDataDirPrivate(dataDir: string): void {
  process.umask(PRIVATE_UMASK);
  const pending = [dataDir];
  while (pending.length) {
    const path = pending.pop()!;
    try {
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) continue;
      if (stat.mode & 0o077) chmodSync(path, stat.mode & 0o700);
      if (stat.isDirectory()) for (const name of readdirSync(path)) pending.push(join(path, name));
    } catch (error) {
      const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
      if (code === 'ENOENT') continue; // removed while we looked (a temporary file)
      process.stderr.write(
        `DATA_DIR: ${path} could not be made private (${code ?? (error instanceof Error ? error.message : String(error))}); ` +
          `others on this machine may read it. Give it to the user the app runs as, or run: chmod go= ${path}\n`,
      );
    }
  }
}
