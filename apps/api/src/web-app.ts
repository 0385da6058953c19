import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** What the server answers itself; every other page a browser asks for is a screen of the web app. */
const SERVER_PATHS = /^\/(api|docs|health)\b/;
const FILE_PATH = /\.[a-z0-9]+$/i;
/** A source map left in the build (one made by hand, say) is never served: it holds the whole source. */
const SOURCE_MAP = /\.map$/i;

/** apps/web/dist, seen from the source (tests) or from the compiled dist/apps/api/src (npm start). */
export function webAppDir(): string | null {
  const candidates = [resolve(__dirname, '../../web/dist'), resolve(__dirname, '../../../../apps/web/dist')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the built web app on the API's own origin: its files, and index.html for any other GET
 * outside /api, /docs and /health, so a screen's URL survives a reload. Unknown /api routes still
 * get the JSON 404. Without a build (`npm run build:web`) nothing is served.
 */
export function serveWebApp(app: NestFastifyApplication, dir = webAppDir()): void {
  if (!dir) return;
  const index = join(dir, 'index.html');
  // A route for each file of the build as it is at start (not a wildcard, which would send every unknown
  // API path to the disk first); source maps are left out, so they answer the JSON 404.
  const fastify = app.getHttpAdapter().getInstance();
  void fastify.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    decorateReply: false,
    allowedPath: (path: string) => !SOURCE_MAP.test(path),
    // Vite names the files under assets/ by their content hash, so they never change; index.html does.
    setHeaders: (reply, file) => void reply.header('Cache-Control', file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.is404 || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    const path = request.url.split('?')[0];
    if (SERVER_PATHS.test(path) || FILE_PATH.test(path)) return;
    return reply
      .header('Cache-Control', 'no-cache')
      .type('text/html; charset=UTF-8')
      .send(await readFile(index));
  });
}
