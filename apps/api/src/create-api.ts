import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ProblemFilter, requestLogging, Runtime, validationPipe } from '@r2c/core';
import { ApiModule, ApiOptions } from './api.module';
import { serveWebApp } from './web-app';
import { securityHeaders } from './security-headers';
import { mountQueueDashboard } from './admin/queue-dashboard';
import { apiDocument } from './openapi/api-document';

/**
 * A subscriber list of 5,000 lines (the most one import takes) is up to about 2.6 MB of JSON with the
 * longest emails and names; only that route takes more than BODY_LIMIT. The first parser to read a
 * body marks it read, so the global one below leaves it alone.
 */
export const LARGE_BODY_ROUTES: Record<string, string> = { '/api/v1/users/import': '4mb' };

export async function createApi(runtime: Runtime, options: ApiOptions): Promise<INestApplication> {
  const { config } = runtime;
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(runtime, options), {
    bufferLogs: true,
    bodyParser: false,
    forceCloseConnections: false,
  });
  app.useLogger(app.get(Logger));
  app.use(requestLogging(config.logLevel));
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  for (const [route, limit] of Object.entries(LARGE_BODY_ROUTES)) app.use(route, json({ limit }));
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
  app.use(securityHeaders());
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemFilter());
  mountQueueDashboard(app);
  serveWebApp(app);

  SwaggerModule.setup('docs', app, apiDocument(app));
  return app;
}
