import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';
import type { JsonSchema } from './contract-schema-generator';

/** A contract of libs/contracts (or of `answers.ts` there) as a reference to its component schema. */
export const contract = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** `{items, total}`: one page of a list. */
export const pageOf = (name: string): JsonSchema => ({
  type: 'object',
  properties: { items: { type: 'array', items: contract(name) }, total: { type: 'number' } },
  required: ['items', 'total'],
});

export const listOf = (name: string): JsonSchema => ({ type: 'array', items: contract(name) });

const TEXT: JsonSchema = { type: 'string' };
const schemaOf = (body: string | JsonSchema): JsonSchema => (typeof body === 'string' ? contract(body) : body);

const SUCCESS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted' };

/** The success answer: its status and its JSON body (a contract's name or a schema). */
export function Answers(status: 200 | 201 | 202, body: string | JsonSchema, description = SUCCESS[status]) {
  return ApiResponse({ status, description, content: { 'application/json': { schema: schemaOf(body) } } });
}

/** A success answer in one or more media types: `{ 'application/json': 'Contract', 'text/html': 'text' }`. */
export function AnswersAs(status: 200 | 201 | 202, content: Record<string, string | JsonSchema>, description = SUCCESS[status]) {
  const media = Object.fromEntries(Object.entries(content).map(([type, body]) => [type, { schema: body === 'text' ? TEXT : schemaOf(body) }]));
  return ApiResponse({ status, description, content: media });
}

/** A file to download: `text/csv`, `text/calendar`… */
export function AnswersFile(mediaType: string, description: string) {
  return ApiResponse({ status: 200, description, content: { [mediaType]: { schema: TEXT } } });
}

export function AnswersNothing(description = 'Done; no body') {
  return ApiResponse({ status: 204, description });
}

export type RouteError = 403 | 404 | 409 | 410;

const ERROR_WORDS: Record<RouteError, string> = {
  403: 'The caller may see this but may not do it',
  404: 'No such thing, or one the caller may not see',
  409: 'A rule refused the change; the message says which',
  410: 'The link has expired',
};

/** A page behind a link in an email: errors come as a page for a browser, as JSON otherwise. */
export const LINK_PAGE = 'x-link-page';

/**
 * The errors particular to this route, each with what it means here (or the usual words). The statuses
 * every route can give (400, 401, 413, 429, 500, 503) are added to every operation in one place.
 */
export function Refuses(errors: Partial<Record<RouteError, string | true>>, options: { linkPage?: boolean } = {}) {
  const media: Record<string, { schema: JsonSchema }> = { 'application/json': { schema: contract('ApiError') } };
  if (options.linkPage) media['text/html'] = { schema: TEXT };
  return applyDecorators(
    ...Object.entries(errors).map(([status, words]) =>
      ApiResponse({ status: Number(status), description: words === true ? ERROR_WORDS[Number(status) as RouteError] : words, content: media }),
    ),
  );
}

/** Marks a link page, whose shared errors are documented as a page or JSON. */
export const LinkPage = () => ApiExtension(LINK_PAGE, true);
