import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { contract, LINK_PAGE } from './answers';
import { CONTRACT_SCHEMAS } from './contract-schemas';

/** The statuses any route can give, documented once and referenced by every operation. */
const SHARED_ERRORS: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'Bad input: `details` names each bad field (unknown fields are refused, not ignored)' },
  401: { name: 'Unauthorized', description: 'No token, or one that is no longer valid; on a public route, a refused sign-in or link' },
  413: { name: 'PayloadTooLarge', description: 'The request body is larger than the API takes' },
  429: { name: 'TooManyRequests', description: 'Too many requests; wait and try again' },
  500: { name: 'ServerError', description: 'Something went wrong on our side; it has been logged' },
  503: { name: 'Unavailable', description: 'A dependency (the database or the job queue) is not reachable; try again in a minute' },
};
const PAGE_SUFFIX = 'Page';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

function sharedResponses(): NonNullable<OpenAPIObject['components']>['responses'] {
  const responses: NonNullable<OpenAPIObject['components']>['responses'] = {};
  for (const [status, { name, description }] of Object.entries(SHARED_ERRORS)) {
    const json = { 'application/json': { schema: contract('ApiError') } };
    responses[name] = { description, content: json };
    // A link page answers a refusal as a page for a browser (errors on our side stay JSON).
    if (Number(status) < 500) responses[name + PAGE_SUFFIX] = { description, content: { ...json, 'text/html': { schema: { type: 'string' } } } };
  }
  responses.NotModified = { description: 'Not changed since the ETag the client sent in If-None-Match; no body' };
  return responses;
}

/** The OpenAPI document served at /docs-json: every success body from libs/contracts, every error status. */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('R2C Tracker API')
      .setDescription(
        'Research to Change cycles for a coalition of public libraries. Errors: {statusCode, error, message, details} (ApiError). Lists: ?limit=&offset= → {items, total}.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...CONTRACT_SCHEMAS },
    responses: sharedResponses(),
  };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const page = (operation as unknown as Record<string, unknown>)[LINK_PAGE] === true;
      for (const [status, { name }] of Object.entries(SHARED_ERRORS)) {
        const variant = page && Number(status) < 500 ? name + PAGE_SUFFIX : name;
        operation.responses[status] ??= { $ref: `#/components/responses/${variant}` };
      }
      // Express tags every GET answer with an ETag, so a client that sends it back may get a 304.
      if (method === 'get') operation.responses['304'] ??= { $ref: '#/components/responses/NotModified' };
    }
  }
  return document;
}
