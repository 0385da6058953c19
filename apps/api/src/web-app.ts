import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { NotFoundException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { static as serveStatic } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { toErrorBody } from '@r2c/core';

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
export function serveWebApp(app: NestExpressApplication, dir = webAppDir()): void {
  if (!dir) return;
  const index = join(dir, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!SOURCE_MAP.test(req.path) || SERVER_PATHS.test(req.path)) return next();
    const body = toErrorBody(new NotFoundException(`Cannot ${req.method} ${req.path}`));
    res.status(body.statusCode).json(body);
  });
  const files = serveStatic(dir, {
    index: false,
    // Vite names the files under assets/ by their content hash, so they never change; index.html does.
    setHeaders: (res: Response, file: string) =>
      res.setHeader('Cache-Control', file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  // Not asked for the server's own paths: it would look on disk for every API request first.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (SERVER_PATHS.test(req.path)) next();
    else void files(req, res, next);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || FILE_PATH.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
