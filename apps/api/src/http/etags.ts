import etag from 'etag';
import fresh from 'fresh';
import type { FastifyInstance } from 'fastify';

/**
 * What Express did for every answer it sent: a weak ETag, and `304 Not Modified` with no body when a
 * GET or HEAD comes with an `If-None-Match` (or `If-Modified-Since`) the answer still matches, so a
 * browser revalidating a page or a list downloads it again only when it changed. Answers a route sets
 * its own ETag on, and streams, are left as they are; other methods are never answered 304.
 */
export function conditionalGets(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !(typeof payload === 'string' || Buffer.isBuffer(payload))) return done(null, payload);
    let tag = reply.getHeader('etag');
    let body = payload;
    if (tag === undefined) {
      // Hashed as the bytes that are sent, and sent as those bytes: a text answer is encoded to UTF-8
      // once here, not again for its length, for the hash and for the socket.
      body = typeof payload === 'string' ? Buffer.from(payload) : payload;
      tag = etag(body, { weak: true });
      reply.header('etag', tag);
    }
    const status = reply.statusCode;
    if (((status >= 200 && status < 300) || status === 304) && fresh(request.headers, { etag: tag, 'last-modified': reply.getHeader('last-modified') })) {
      reply.code(304);
      return done(null, '');
    }
    done(null, body);
  });
}
