import { create as contentDisposition } from 'content-disposition';
import accepts from 'accepts';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Which of `offered` (in the server's order of preference) the request's Accept header takes first, as Express's `req.accepts` answered; false for none. */
export function preferred(request: FastifyRequest, offered: string[]): string | false {
  const taken = accepts(request.raw).type(offered);
  return Array.isArray(taken) ? (taken[0] ?? false) : taken;
}

/** `Content-Disposition: attachment; filename=…` (quoted where the name needs it), as Express's `res.attachment` wrote it: the browser saves the answer under that name. */
export function asAttachment(reply: FastifyReply, filename: string): FastifyReply {
  return reply.header('Content-Disposition', contentDisposition(filename));
}
