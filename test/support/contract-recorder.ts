import { appendFileSync, mkdirSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { ResponseContract } from './response-contract';

/** One answer the API gave during an e2e suite, as an API client saw it. */
export interface RecordedAnswer {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: string;
  /** The suite that made the request, to name it when the answer breaks the contract. */
  suite: string;
  test: string;
}

const answers: RecordedAnswer[] = [];
let contract: ResponseContract | undefined;

/** What the suite's answers did against the document the API serves at /docs-json, one line per problem. */
export function contractProblems(): string[] {
  if (!contract) return [];
  const problems = new Map<string, string>();
  for (const answer of answers) {
    for (const problem of contract.problems(answer)) if (!problems.has(problem)) problems.set(problem, answer.test);
  }
  answers.length = 0;
  return [...problems].map(([problem, test]) => `${problem}\n    (first in "${test}")`);
}

function currentTest(): { suite: string; test: string } {
  const state = typeof expect === 'undefined' ? undefined : expect.getState();
  return { suite: state?.testPath ?? 'unknown', test: state?.currentTestName ?? '(outside a test)' };
}

function record(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((...args: unknown[]) => {
    keep(args[0], args[1]);
    return write(...args);
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    keep(args[0], args[1]);
    return end(...args);
  }) as typeof res.end;
  // Fastify hands its headers to writeHead, which stores them only when some were set before it (setHeader).
  let writtenType: string | undefined;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = (...args: unknown[]) => {
    const headers = args.find((arg) => typeof arg === 'object' && arg !== null && !Array.isArray(arg)) as Record<string, unknown> | undefined;
    const given = headers && Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    if (typeof given === 'string') writtenType = given;
    return writeHead(...args);
  };
  const who = currentTest();
  res.once('finish', () => {
    const answer: RecordedAnswer = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0],
      status: res.statusCode,
      contentType: (res.getHeader('content-type') as string | undefined) ?? writtenType ?? null,
      body: Buffer.concat(chunks).toString('utf8'),
      ...who,
    };
    answers.push(answer);
    const dir = process.env.CONTRACT_RECORD_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      appendFileSync(join(dir, `${process.pid}.jsonl`), JSON.stringify(answer) + '\n');
    }
  });
}

/**
 * Every answer the server gives from now on is kept, to be checked against the OpenAPI document the
 * API serves (read once per test file) when the suite ends.
 */
export async function recordAnswers(server: Server): Promise<void> {
  if (!contract) {
    const served = await request(server).get('/docs-json').expect(200);
    contract = new ResponseContract(served.body as Record<string, unknown>);
  }
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    record(req, res);
    for (const handle of handlers) handle(req, res);
  });
}
