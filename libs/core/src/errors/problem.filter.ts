import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';

export interface FieldProblem {
  field: string;
  problems: string[];
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: unknown[];
}

/** Errors that the HTTP server raises before a controller runs (a body too large or not JSON, say). */
interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  expose?: boolean;
  message?: string;
}

/** A unique index refused the write (two requests raced past the service's own check). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string; message?: string }; message?: string };
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || (code === 'SQLITE_CONSTRAINT' && /UNIQUE/.test(e?.driverError?.message ?? e?.message ?? ''));
}

/** An answer lists this many problems at most; a body of thousands of unknown keys once got a 2.4 MB answer. */
export const MAX_LISTED_PROBLEMS = 20;

/** What the message adds when problems were left out of an answer. */
export function moreProblems(count: number): string {
  return `and ${count} more problem${count === 1 ? '' : 's'} not listed here`;
}

function bodyFor(status: number, message: string, details: unknown[] = []): ErrorBody {
  if (details.length > MAX_LISTED_PROBLEMS) {
    message = `${message}; ${moreProblems(details.length - MAX_LISTED_PROBLEMS)}`;
    details = details.slice(0, MAX_LISTED_PROBLEMS);
  }
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, details };
}

/** Turns every exception into the contract's one error shape; never leaks a stack or SQL. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'string') return bodyFor(status, response);
    const r = response as { message?: unknown; details?: unknown[] };
    const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? exception.message);
    return bodyFor(status, message, Array.isArray(r.details) ? r.details : []);
  }
  if (isUniqueViolation(exception)) return bodyFor(409, 'This conflicts with a record that already exists.');
  const e = exception as HttpishError;
  const status = e?.status ?? e?.statusCode;
  if (e?.type === 'entity.parse.failed') return bodyFor(400, 'The request body is not valid JSON.');
  if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return bodyFor(413, 'The request body is too large.');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return bodyFor(status, e.expose && e.message ? e.message : (STATUS_CODES[status] ?? 'Bad request'));
  }
  return bodyFor(HttpStatus.INTERNAL_SERVER_ERROR, 'Something went wrong on our side. It has been logged.');
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (reply.sent || reply.raw.headersSent) return;
    void reply.status(body.statusCode).send(body);
  }
}
