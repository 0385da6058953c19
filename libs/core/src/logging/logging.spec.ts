import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestLogging, withoutSecrets } from './logging';

describe('request log lines', () => {
  it('leave out query strings and the secret part of a calendar feed address', () => {
    expect(withoutSecrets('/api/v1/unsubscribe?token=abc')).toBe('/api/v1/unsubscribe');
    expect(withoutSecrets('/api/v1/calendar-feeds/1_0f8b1c2d_secret.ics')).toBe('/api/v1/calendar-feeds/[redacted]');
    expect(withoutSecrets('/api/v1/cycles/42')).toBe('/api/v1/cycles/42');
  });
});

describe('requestLogging', () => {
  const serve = async (handler: (req: IncomingMessage, res: ServerResponse) => void) => {
    const lines: Record<string, unknown>[] = [];
    const log = requestLogging('info', { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const server = createServer((req, res) => log(req, res, () => handler(req, res)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const close = () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    };
    return { url, lines, close };
  };
  const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('writes one line per answer: id, method, path without secrets, status, time; the level follows the status', async () => {
    const s = await serve((req, res) => {
      res.statusCode = Number(new URL(req.url!, 'http://x').searchParams.get('status'));
      res.end('{}');
    });
    try {
      const first = await fetch(`${s.url}/api/v1/unsubscribe?status=201&token=secret`, { method: 'POST', headers: { 'x-request-id': 'abc-123' } });
      expect(first.headers.get('x-request-id')).toBe('abc-123');
      const second = await fetch(`${s.url}/api/v1/calendar-feeds/1_0f8b_secret.ics?status=404`, { headers: { 'x-request-id': 'not a token!' } });
      expect(second.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      await fetch(`${s.url}/api/v1/cycles?status=500`);
      await settled();
      expect(s.lines.map(({ level, msg, req, res }) => ({ level, msg, req, res }))).toEqual([
        { level: 30, msg: 'request completed', req: { id: 'abc-123', method: 'POST', url: '/api/v1/unsubscribe' }, res: { statusCode: 201 } },
        {
          level: 40,
          msg: 'request completed',
          req: { id: second.headers.get('x-request-id'), method: 'GET', url: '/api/v1/calendar-feeds/[redacted]' },
          res: { statusCode: 404 },
        },
        { level: 50, msg: 'request errored', req: expect.objectContaining({ method: 'GET', url: '/api/v1/cycles' }), res: { statusCode: 500 } },
      ]);
      expect(s.lines.every((line) => typeof line.responseTime === 'number' && typeof line.time === 'number')).toBe(true);
      expect(JSON.stringify(s.lines)).not.toMatch(/secret/);
    } finally {
      await s.close();
    }
  });

  it('writes "request aborted" when the client leaves before the answer', async () => {
    let answered = false;
    const s = await serve((_req, res) => setTimeout(() => ((answered = true), res.end()), 200));
    try {
      const leaving = new AbortController();
      const call = fetch(`${s.url}/api/v1/cycles`, { signal: leaving.signal }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
      leaving.abort();
      await call;
      await settled();
      expect(answered).toBe(false);
      expect(s.lines).toEqual([expect.objectContaining({ level: 30, msg: 'request aborted', res: { statusCode: null } })]);
    } finally {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await s.close();
    }
  });
});
