import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemFilter, toErrorBody } from '@r2c/core';
import { refusedLinkPage } from '@r2c/reports';
import { preferred } from '../http/negotiation';

/**
 * The links in a digest email are opened in a browser by people who are not signed in: a refused one
 * (changed, expired, an inactive account) answers a page that says how to get a link that works.
 * Opening a link (GET) prefers the page; the page's buttons and mail clients (POST) get JSON unless
 * they ask for HTML. Errors on our side go to the usual filter, which logs them.
 */
@Catch()
export class LinkPageFilter implements ExceptionFilter {
  private readonly problems = new ProblemFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorBody(exception);
    const wantsPage = preferred(req, req.method === 'POST' ? ['json', 'html'] : ['html', 'json']) === 'html';
    if (!wantsPage || body.statusCode >= 500 || reply.sent) return this.problems.catch(exception, host);
    void reply.status(body.statusCode).type('text/html; charset=utf-8').send(refusedLinkPage(body.statusCode, body.message));
  }
}
