import autocannon from 'autocannon';
import { cpuMs } from './processes';

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  /** Connection errors, timeouts and answers other than 2xx. */
  failures: number;
  requests: number;
  /** CPU (user + system) the server process used per answered request during the measured part, when its pid was given. */
  cpuMsPerRequest?: number;
}

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: object;
  connections: number;
  seconds: number;
  /** The server's process, to count the CPU it spends per request. */
  pid?: number;
}

/** autocannon on loopback; a short unmeasured warm-up first so both servers are compared with a warm JIT. */
export async function load(spec: LoadSpec, warmupSeconds = 2): Promise<LoadResult> {
  const options = {
    url: spec.url,
    method: spec.method,
    connections: spec.connections,
    headers: { ...(spec.body ? { 'content-type': 'application/json' } : {}), ...spec.headers },
    body: spec.body ? JSON.stringify(spec.body) : undefined,
  };
  if (warmupSeconds > 0) await autocannon({ ...options, duration: warmupSeconds });
  const cpuBefore = spec.pid === undefined ? 0 : cpuMs(spec.pid);
  const result = await autocannon({ ...options, duration: spec.seconds });
  const cpuUsed = spec.pid === undefined ? undefined : cpuMs(spec.pid) - cpuBefore;
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
    cpuMsPerRequest: cpuUsed === undefined || !result.requests.total ? undefined : cpuUsed / result.requests.total,
  };
}

/**
 * Loads the servers in turn, in rounds whose order reverses each time (A B C, then C B A), each
 * spec's `seconds` split over the rounds: on a host whose speed drifts during the run (other work on
 * it), the drift then weighs on each server alike instead of on whichever ran when it struck. Each
 * server is warmed once, before its first round. Per server: requests a second and CPU per request
 * over all its rounds, the worse p99 of its rounds, its failures summed.
 */
export async function loadInTurns(specs: LoadSpec[], rounds = 2, warmupSeconds = 2): Promise<LoadResult[]> {
  const parts: LoadResult[][] = specs.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = specs.map((_, n) => n);
    if (round % 2) order.reverse();
    for (const n of order) parts[n].push(await load({ ...specs[n], seconds: specs[n].seconds / rounds }, round === 0 ? warmupSeconds : 0));
  }
  return parts.map((results, n) => combined(results, specs[n].seconds));
}

function combined(results: LoadResult[], seconds: number): LoadResult {
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  const cpuKnown = results.every((r) => r.cpuMsPerRequest !== undefined);
  return {
    requestsPerSecond: requests / seconds,
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    failures: results.reduce((sum, r) => sum + r.failures, 0),
    requests,
    cpuMsPerRequest: cpuKnown && requests ? results.reduce((sum, r) => sum + r.cpuMsPerRequest! * r.requests, 0) / requests : undefined,
  };
}
