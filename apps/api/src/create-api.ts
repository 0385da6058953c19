import { BadRequestException, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import bytes from 'bytes';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { ProblemFilter, requestLogging, Runtime, toErrorBody, validationPipe } from '@r2c/core';
import { ApiModule, ApiOptions } from './api.module';
import { serveWebApp } from './web-app';
import { securityHeaders, securityHeadersFor } from './security-headers';
import { mountQueueDashboard } from './admin/queue-dashboard';
import { apiDocument } from './openapi/api-document';
import { readBodies } from './http/body-parsers';
import { conditionalGets } from './http/etags';

/**
 * A subscriber list of 5,000 lines (the most one import takes) is up to about 2.6 MB of JSON with the
 * longest emails and names; only that route takes more than BODY_LIMIT.
 */
export const LARGE_BODY_ROUTES: Record<string, string> = { '/api/v1/users/import': '4mb' };

const byteCount = (limit: string): number => {
  const count = bytes.parse(limit);
  if (count === null || !Number.isFinite(count) || count <= 0) throw new Error(`${limit} is not a size (e.g. 256kb)`);
  return count;
};

/**
 * TRUST_PROXY as README.md describes it. A number is how many proxies stand in front of the app (the
 * client is that many addresses from the end of X-Forwarded-For), as in Express's trust proxy; Fastify
 * since 5.12 takes a bare number to trust no one, so the count is passed as proxy-addr's hop rule.
 */
export function proxiesTrusted(setting: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof setting !== 'number') return setting;
  return (_address, hop) => hop < setting;
}

/**
 * The API on Fastify (through Nest's adapter): in the write path's profile Express's router, body
 * parser and response were about a sixth of the API's CPU a request (docs/performance.md).
 */
export async function createApi(runtime: Runtime, options: ApiOptions): Promise<INestApplication> {
  const { config } = runtime;
  const adapter = new FastifyAdapter({
    trustProxy: proxiesTrusted(config.trustProxy),
    bodyLimit: byteCount(config.bodyLimit),
    // Express's routing: `/api/v1/cycles/` is `/api/v1/cycles`; a long id is refused by its route, not by the router.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
    forceCloseConnections: false,
    // The API mounts no Nest middleware (its request hooks are Fastify's own), so @fastify/middie, which
    // Nest would otherwise register to run on every request, is left out.
    skipMiddie: true,
    // Node's own limit for a whole request, which Express ran with (Fastify's default is none).
    requestTimeout: 300_000,
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const refusal =
        error.code === 'FST_ERR_BAD_URL'
          ? new BadRequestException('This address is not valid: a “%” in it is not followed by two hexadecimal digits. Check the link, or copy it again.')
          : error;
      const body = toErrorBody(refusal);
      void reply
        .headers(securityHeadersFor(request.url.split('?')[0]))
        .code(body.statusCode)
        .send(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(runtime, options), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  const logRequest = requestLogging(config.logLevel);
  fastify.addHook('onRequest', (request, reply, done) => logRequest(request.raw, reply.raw, () => done()));
  securityHeaders(fastify);
  conditionalGets(fastify);
  readBodies(fastify, Object.fromEntries(Object.entries(LARGE_BODY_ROUTES).map(([route, limit]) => [route, byteCount(limit)])));
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemFilter());
  mountQueueDashboard(app);
  serveWebApp(app);

  SwaggerModule.setup('docs', app, apiDocument(app));
  return app;
}
