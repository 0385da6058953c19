import { ADMIN, ADMIN_ENV } from './support/fixtures';
import { ResponseContract } from './support/response-contract';
import type { RecordedAnswer } from './support/contract-recorder';
import { startTestApp, TestApp } from './support/test-app';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const SHARED = { 400: 'BadRequest', 401: 'Unauthorized', 413: 'PayloadTooLarge', 429: 'TooManyRequests', 500: 'ServerError', 503: 'Unavailable' };
/** The one success without a body that is not a 204: the digest sign-up answers 202 whatever the email (api.md). */
const BODYLESS_202 = ['post /api/v1/subscriptions'];

function operations(document: Json): { key: string; operation: Json }[] {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Json)[m]).map((m) => ({ key: `${m} ${path}`, operation: (item as Json)[m] as Json })),
  );
}

function refs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refs(value, found);
    }
  }
  return found;
}

const resolve = (document: Json, ref: string): unknown =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, part) => (node as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], document);

describe('the OpenAPI document at /docs-json', () => {
  let t: TestApp;
  let document: Json;
  beforeAll(async () => {
    t = await startTestApp({ withWorkers: false, env: ADMIN_ENV });
    document = (await t.http().get('/docs-json').expect(200)).body as Json;
  });
  afterAll(async () => t?.close());

  it('is OpenAPI 3 with every reference resolving', () => {
    expect(document.openapi).toMatch(/^3\.0\.\d+$/);
    expect(document.info).toMatchObject({ title: 'R2C Tracker API', version: '1' });
    expect(operations(document).length).toBeGreaterThan(60);
    const broken = [...new Set(refs(document))].filter((ref) => resolve(document, ref) === undefined);
    expect(broken).toEqual([]);
  });

  it('has schemas a JSON Schema validator compiles, the one error shape among them', () => {
    expect(new ResponseContract(document).compileAll()).toBeGreaterThan(200);
    expect(document.components.schemas.ApiError).toMatchObject({ required: ['statusCode', 'error', 'message', 'details'] });
  });

  it('documents a success body for every operation, or says it has none (204)', () => {
    const missing = operations(document).flatMap(({ key, operation }) => {
      const successes = Object.entries(operation.responses as Json).filter(([status]) => /^2\d\d$/.test(status));
      if (!successes.length) return [`${key}: no success status`];
      return successes
        .filter(
          ([status, response]) =>
            status !== '204' && !BODYLESS_202.includes(key) && !Object.values((response as Json).content ?? {}).some((m) => (m as Json).schema),
        )
        .map(([status]) => `${key} → ${status}: no body documented`);
    });
    expect(missing).toEqual([]);
  });

  it('references the shared error responses from every operation', () => {
    for (const name of Object.values(SHARED)) {
      expect([name, document.components.responses[name].content['application/json'].schema]).toEqual([name, { $ref: '#/components/schemas/ApiError' }]);
    }
    const missing = operations(document).flatMap(({ key, operation }) =>
      Object.entries(SHARED)
        .filter(([status, name]) => !String(operation.responses[status]?.$ref).startsWith(`#/components/responses/${name}`))
        .filter(([status]) => !(key === 'get /health' && status === '503'))
        .map(([status]) => `${key}: ${status}`),
    );
    expect(missing).toEqual([]);
    const gets = operations(document).filter(({ key }) => key.startsWith('get '));
    expect(gets.filter(({ operation }) => operation.responses['304']?.$ref !== '#/components/responses/NotModified')).toEqual([]);
  });

  it("documents each route's own refusals in the one error shape", () => {
    const errors = operations(document).flatMap(({ operation }) =>
      Object.entries(operation.responses as Json).filter(([status, response]) => /^4\d\d$/.test(status) && !(response as Json).$ref),
    );
    expect(errors.length).toBeGreaterThan(100);
    for (const [, response] of errors) expect((response as Json).content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiError' });
    expect(document.paths['/api/v1/cycles/{id}/transitions'].post.responses).toEqual(
      expect.objectContaining({ 403: expect.anything(), 404: expect.anything(), 409: expect.anything() }),
    );
  });

  it('says what the routes that used to be wrong or vague answer', () => {
    const ok = (path: string, method = 'get', status = '200') => document.paths[path][method].responses[status].content;
    const templates = ok('/api/v1/indicator-templates')['application/json'].schema;
    expect(document.components.schemas[templates.$ref.split('/').pop()]).toMatchObject({ required: ['items', 'total'] });
    expect(Object.keys(ok('/api/v1/unsubscribe', 'post'))).toEqual(['application/json', 'text/html']);
    expect(Object.keys(ok('/api/v1/initiatives/{id}/evidence.csv'))).toEqual(['text/csv']);
    expect(Object.keys(ok('/api/v1/initiatives/{id}/calendar.ics'))).toEqual(['text/calendar']);
    expect(Object.keys(ok('/api/v1/calendar-feeds/{file}'))).toEqual(['text/calendar']);
    expect(Object.keys(ok('/api/v1/cycles/{id}/summary'))).toEqual(['application/json', 'text/markdown', 'text/html']);
    expect(ok('/api/v1/initiatives/{id}/export.json')['application/json'].schema).toEqual({ $ref: '#/components/schemas/ExportDocument' });
  });

  describe('the response check every e2e suite runs when it ends', () => {
    const answer = (over: Partial<RecordedAnswer>): RecordedAnswer => ({
      method: 'GET',
      path: '/api/v1/me',
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: '{}',
      suite: 'here',
      test: 'here',
      ...over,
    });

    it('passes an answer the document describes', async () => {
      const login = await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
      const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
      const contract = new ResponseContract(document);
      expect(contract.problems(answer({ body: JSON.stringify(me.body) }))).toEqual([]);
      expect(contract.problems(answer({ path: '/settings', contentType: 'text/html', body: '<!doctype html>' }))).toEqual([]);
    });

    it('fails an undocumented status, an undocumented media type and a body that does not match', () => {
      const contract = new ResponseContract(document);
      expect(contract.problems(answer({ status: 418 }))).toEqual(['GET /api/v1/me → 418: the status is not documented']);
      expect(contract.problems(answer({ contentType: 'text/html', body: '<p>me</p>' }))).toEqual([
        'GET /api/v1/me → 200: answers text/html, documented: application/json',
      ]);
      expect(contract.problems(answer({ body: JSON.stringify({ id: 'x', email: 'a@b.org', role: 'pirate' }) }))[0]).toMatch(
        /GET \/api\/v1\/me → 200: the body does not match its schema: .*name.*role must be equal to one of the allowed values/s,
      );
    });

    it('reads a route template with a parameter and an error answered by the shared responses', () => {
      const contract = new ResponseContract(document);
      const notFound = JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'No such cycle', details: [] });
      expect(contract.problems(answer({ path: '/api/v1/cycles/7f1c0f5e-0000-4000-8000-000000000000', status: 404, body: notFound }))).toEqual([]);
      expect(contract.problems(answer({ path: '/api/v1/cycles/x', status: 400, body: '{"statusCode":400}' }))[0]).toMatch(
        /GET \/api\/v1\/cycles\/\{id\} → 400: the body does not match its schema: .*must have required property 'error'/,
      );
    });
  });
});
