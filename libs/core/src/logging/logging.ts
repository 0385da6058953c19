import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/**
 * Request log lines go to stdout asynchronously: a synchronous write per request was about 5% of the
 * API's CPU under write load (a system call each, costly in a sandbox), and lines written while one
 * write is in flight now go out together with the next. Nothing is held back waiting for more, and
 * what is pending is written out when the process exits.
 */
export function loggingParams(level: string): Params {
  return {
    pinoHttp: [
      {
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
      },
      pino.destination({ dest: 1, sync: false }),
    ],
  };
}
