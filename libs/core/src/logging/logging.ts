import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Params } from 'nestjs-pino';
import pino from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.accessToken',
  '*.token',
  '*.secretKey',
];

/** The query string and the secret of a calendar feed address are left out of request logs. */
export function withoutSecrets(url: string | undefined): string | undefined {
  return url?.split('?')[0].replace(/\/calendar-feeds\/[^/]+/, '/calendar-feeds/[redacted]');
}

const FLUSH_EVERY_MS = 250;
let stdout: ReturnType<typeof pino.destination> | undefined;

/**
 * Log lines go to stdout in batches: a write per request line was about 5% of the API's CPU under
 * write load (a system call each, costly in a sandbox, and as an asynchronous write a job in the
 * thread pool the database driver uses too). Lines are written once 4 KB are waiting or every
 * 250 ms, and what is pending is written out when the process exits; a process killed outright
 * loses at most the last quarter second of its log. One destination per process.
 */
function batchedStdout(): ReturnType<typeof pino.destination> {
  if (!stdout) {
    const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
    const flush = () => {
      try {
        destination.flush();
      } catch {
        // closed while the process exits: its last lines were written then
      }
    };
    setInterval(flush, FLUSH_EVERY_MS).unref();
    stdout = destination;
  }
  return stdout;
}

const REDACTION = { paths: REDACTED_PATHS, censor: '[redacted]' };

/** The request's id: the caller's `x-request-id` when it is a plain token, else a new one; sent back in the same header. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** The app's logger (nestjs-pino). Its request middleware is not mounted (`forRoutes: []`): see `requestLogging`. */
export function loggingParams(level: string): Params {
  return { pinoHttp: [{ level, redact: REDACTION }, batchedStdout()], forRoutes: [] };
}

type Next = (error?: unknown) => void;

/**
 * One line per request when its answer is sent or the client leaves: the request's id, method and path
 * (without query string or feed secret), status and time taken, at info, warn (4xx) or error (5xx):
 * `{"level":30,…,"req":{"id":…,"method":"POST","url":"/api/v1/…"},"res":{"statusCode":201},"responseTime":4,"msg":"request completed"}`.
 *
 * Written here rather than by pino-http through nestjs-pino: that middleware runs each request inside
 * an AsyncLocalStorage (on Node 20 a hook on every promise the process makes, about a sixth of the
 * API's CPU per write) and builds a child logger per request; the two were about a fifth of the CPU of
 * a write. The line holds no header or body, so it needs no redaction. Lines a service writes while
 * answering do not carry the request's id.
 */
export function requestLogging(level: string, destination: pino.DestinationStream = batchedStdout()) {
  const logger = pino({ level }, destination);
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const started = performance.now();
    const id = requestId(req, res);
    const url = req.url;
    res.once('close', () => {
      const line = {
        req: { id, method: req.method, url: withoutSecrets(url) },
        res: { statusCode: res.writableFinished ? res.statusCode : null },
        responseTime: Math.round(performance.now() - started),
      };
      if (!res.writableFinished) logger.info(line, 'request aborted');
      else if (res.statusCode >= 500) logger.error(line, 'request errored');
      else if (res.statusCode >= 400) logger.warn(line, 'request completed');
      else logger.info(line, 'request completed');
    });
    next();
  };
}
