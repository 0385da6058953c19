import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
import pino from 'pino';
import { Options as RequestLogOptions, pinoHttp } from 'pino-http';

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

function requestLogOptions(level: string): RequestLogOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: withoutSecrets(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
  };
}

/**
 * The app's logger (nestjs-pino). Its request middleware is left unmounted (`forRoutes: []`): it runs
 * every request inside an AsyncLocalStorage, and on Node 20 that turns on a hook for every promise
 * the process creates, about a sixth of the API's CPU per write. Request lines come from
 * `requestLogging` instead, the same pino-http options without the storage; what that costs is the
 * request id on lines a service writes while answering (the request's own line keeps it).
 */
export function loggingParams(level: string): Params {
  return { pinoHttp: [requestLogOptions(level), batchedStdout()], forRoutes: [] };
}

/** One line per request (method, path without secrets, status, time, request id), as an Express middleware. */
export function requestLogging(level: string) {
  return pinoHttp(requestLogOptions(level), batchedStdout());
}
