import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { QUEUE_DASHBOARD_PATH } from './admin/queue-dashboard';

type Directives = Record<string, string[]>;

const policy = (directives: Directives): string =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');

const LOCKED: Directives = { 'object-src': ["'none'"], 'base-uri': ["'none'"], 'frame-ancestors': ["'none'"], 'form-action': ["'self'"] };

/**
 * The web app: its own script and stylesheet files only (Vite writes no inline script). The session's
 * token is in localStorage, so no other script may ever run here. Style attributes are allowed for the
 * digest email's preview, a sandboxed srcdoc frame that inherits this policy; React sets its styles
 * through the DOM, which a policy does not restrict. `data:` is the favicon.
 */
export const WEB_APP_POLICY = policy({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  ...LOCKED,
});

/** What the API writes as documents (digest and summary HTML, the pages behind email links) and JSON: nothing runs or loads; inline styles only. */
export const DOCUMENT_POLICY = policy({ 'default-src': ["'none'"], 'style-src': ["'unsafe-inline'"], ...LOCKED });

/** Swagger UI at /docs: its own script files, inline styles, data: icons. */
const API_DOCS_POLICY = policy({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  ...LOCKED,
});

/** bull-board: its own script files, inline styles, the fonts its page asks Google for, and a <base> of its own path. */
const QUEUE_DASHBOARD_POLICY = policy({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
  'font-src': ["'self'", 'https://fonts.gstatic.com'],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  ...LOCKED,
  'base-uri': ["'self'"],
});

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export function policyFor(path: string): string {
  if (under(path, QUEUE_DASHBOARD_PATH)) return QUEUE_DASHBOARD_POLICY;
  if (/^\/docs(\/|-json|-yaml|$)/.test(path)) return API_DOCS_POLICY;
  if (under(path, '/api') || under(path, '/health')) return DOCUMENT_POLICY;
  return WEB_APP_POLICY;
}

/** The headers helmet sets on every answer (its defaults without the CSP), found once by running it on a stand-in answer. */
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = { setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value), removeHeader: () => undefined };
  helmet({ contentSecurityPolicy: false })({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}

let helmetDefaults: Record<string, string> | undefined;

/** The security headers of an answer to `path`: helmet's, and the Content-Security-Policy for what the path serves. */
export function securityHeadersFor(path: string): Record<string, string> {
  helmetDefaults ??= helmetHeaders();
  return { ...helmetDefaults, 'content-security-policy': policyFor(path) };
}

/**
 * helmet's headers, with a Content-Security-Policy chosen by what the path serves, on every answer
 * (refusals before a route runs too). A handler may set a stricter one of its own. The headers are set
 * from a list made at start: helmet's eleven middlewares in a row cost a request more than the headers
 * themselves.
 */
export function securityHeaders(fastify: FastifyInstance): void {
  const fixed = (helmetDefaults ??= helmetHeaders());
  fastify.addHook('onRequest', (request, reply, done) => {
    const query = request.url.indexOf('?');
    reply.headers(fixed);
    reply.header('content-security-policy', policyFor(query === -1 ? request.url : request.url.slice(0, query)));
    done();
  });
}
