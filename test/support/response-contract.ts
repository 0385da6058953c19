import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { RecordedAnswer } from './contract-recorder';

type Json = Record<string, unknown>;
interface Operation {
  responses: Record<string, Json>;
}
interface Route {
  template: string;
  pattern: RegExp;
  params: number;
  methods: Record<string, Operation>;
}

const SCHEMA_ID = 'openapi';

/**
 * OpenAPI 3.0 schemas as JSON Schema: `nullable: true` becomes "or null", and references point into
 * the document (registered once under its own id).
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out.$ref = `${SCHEMA_ID}${value}`;
    else if (key !== 'nullable') out[key] = toJsonSchema(value);
  }
  return (node as Json).nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

const mediaTypeOf = (contentType: string | null) => (contentType ?? '').split(';')[0].trim().toLowerCase();

/** Checks the answers an API client saw against the OpenAPI document the API serves. */
export class ResponseContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: SCHEMA_ID, components: toJsonSchema(document.components) });
    this.routes = Object.entries(document.paths as Record<string, Record<string, Operation>>).map(([template, methods]) => {
      const parts = template.split(/\{[^}]+\}/);
      const pattern = new RegExp(`^${parts.map((p) => p.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
      return { template, pattern, params: parts.length - 1, methods };
    });
  }

  /** Compiles every schema of the document (a schema JSON Schema does not allow throws). */
  compileAll(): number {
    let compiled = 0;
    for (const name of Object.keys((this.document.components as Json).schemas as Json)) {
      this.ajv.compile({ $ref: `${SCHEMA_ID}#/components/schemas/${name}` });
      compiled++;
    }
    for (const route of this.routes) {
      for (const [method, operation] of Object.entries(route.methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const content = (response.content ?? {}) as Record<string, { schema?: unknown }>;
          for (const [mediaType, media] of Object.entries(content)) {
            if (media.schema) this.validator(`${method.toUpperCase()} ${route.template} ${status} ${mediaType}`, media.schema);
            compiled++;
          }
        }
      }
    }
    return compiled;
  }

  /** The operation an answer belongs to, or null for a path the API does not document (the web app, /docs). */
  private operationOf(method: string, path: string): { route: Route; operation: Operation } | null {
    const verb = method === 'HEAD' ? 'get' : method.toLowerCase();
    const matches = this.routes.filter((r) => r.pattern.test(path) && r.methods[verb]).sort((a, b) => a.params - b.params);
    return matches.length ? { route: matches[0], operation: matches[0].methods[verb] } : null;
  }

  private response(operation: Operation, status: number): Json | undefined {
    const response = operation.responses[String(status)] ?? operation.responses.default;
    const ref = response?.$ref;
    if (typeof ref !== 'string') return response;
    const name = ref.replace('#/components/responses/', '');
    return ((this.document.components as Json).responses as Record<string, Json>)[name];
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Json);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** What is wrong with an answer, in words; empty when it keeps the contract (or is not an API operation). */
  problems(answer: RecordedAnswer): string[] {
    const found = this.operationOf(answer.method, answer.path);
    if (!found) return [];
    const where = `${answer.method} ${found.route.template} → ${answer.status}`;
    const response = this.response(found.operation, answer.status);
    if (!response) return [`${where}: the status is not documented`];
    const content = response.content as Record<string, { schema?: unknown }> | undefined;
    if (answer.method === 'HEAD' || answer.body === '') return [];
    if (!content) return [`${where}: answers a body (${answer.contentType}) where none is documented`];
    const mediaType = mediaTypeOf(answer.contentType);
    const media = content[mediaType];
    if (!media) return [`${where}: answers ${mediaType || 'no content type'}, documented: ${Object.keys(content).join(', ')}`];
    if (mediaType !== 'application/json' || !media.schema) return [];
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [`${where}: the body is not JSON`];
    }
    const validate = this.validator(`${answer.method} ${found.route.template} ${answer.status} ${mediaType}`, media.schema);
    if (validate(body)) return [];
    return [`${where}: the body does not match its schema: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`];
  }
}
