import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** What `npm run build` compiles into dist/ (the web app has a build of its own). */
const APP_SOURCES = ['apps/api', 'apps/worker', 'libs'];
const WEB_SOURCES = ['apps/web/src', 'apps/web/index.html', 'libs/contracts'];

function newest(path: string): { file: string; mtimeMs: number } | undefined {
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.spec\.tsx?$/.test(path) ? undefined : { file: path, mtimeMs: stat.mtimeMs };
  let found: { file: string; mtimeMs: number } | undefined;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const candidate = newest(join(path, entry));
    if (candidate && (!found || candidate.mtimeMs > found.mtimeMs)) found = candidate;
  }
  return found;
}

function fresh(file: string, sources: string[]): string {
  const what = relative(ROOT, file) || file;
  if (!existsSync(file)) throw new Error(`${what} is missing: run \`npm run build\` first (npm test, test:e2e and test:faults build first).`);
  const builtAt = statSync(file).mtimeMs;
  const changed = sources.map((dir) => newest(join(ROOT, dir))).find((source) => source && source.mtimeMs > builtAt);
  if (changed)
    throw new Error(`${what} is older than ${relative(ROOT, changed.file)}: run \`npm run build\` first (npm test, test:e2e and test:faults build first).`);
  return file;
}

/** A compiled entry point of dist/ (or of `dist`, another build), refused when a source changed after it was built. */
export function builtApp(file: string, dist = join(ROOT, 'dist')): string {
  return fresh(join(dist, file), APP_SOURCES);
}

/** The web app's build, refused like `builtApp` when it is missing or older than its sources. */
export function builtWebApp(dir: string): string {
  fresh(join(dir, 'index.html'), WEB_SOURCES);
  return dir;
}
