import { parse as parseForm } from 'node:querystring';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A body that cannot be read as JSON: the problem filter answers it 400 in plain words. */
export class BodyNotJson extends Error {
  readonly statusCode = 400;
  readonly type = 'entity.parse.failed';
}

/** The first character that is not JSON whitespace (space, tab, line feed, carriage return). */
const FIRST_CHARACTER = /^[ \t\n\r]*([^ \t\n\r])/;

/**
 * JSON as the API has always read it: an empty body is `{}`, and only an object or an array is taken
 * (a bare string or number is refused, as a client that sends one has made a mistake).
 */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) return {};
  const first = FIRST_CHARACTER.exec(text)?.[1];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[') throw new BodyNotJson('The request body is not valid JSON.');
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyNotJson('The request body is not valid JSON.');
  }
}

/**
 * The request bodies the API reads: JSON, and HTML forms (`application/x-www-form-urlencoded`, the
 * one-click unsubscribe a mail client posts, the digest choices page). A body of any other type is
 * read up to the limit and left out, so the route's validation says what it expected. `limits` gives
 * a route a larger limit than the server's (the subscriber import); the rest keep `bodyLimit`.
 */
export function readBodies(fastify: FastifyInstance, limits: Record<string, number>): void {
  fastify.addHook('onRoute', (route) => {
    const limit = limits[route.url];
    if (limit !== undefined) route.bodyLimit = limit;
  });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_req: FastifyRequest, body: string, done) => {
    try {
      done(null, parseJsonBody(body));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req: FastifyRequest, body: string, done) =>
    done(null, { ...parseForm(body) }),
  );
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_req: FastifyRequest, _body: Buffer, done) => done(null, undefined));
}
