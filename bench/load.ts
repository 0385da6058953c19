import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  /** Connection errors, timeouts and answers other than 2xx. */
  failures: number;
  requests: number;
}

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: object;
  connections: number;
  seconds: number;
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
  const result = await autocannon({ ...options, duration: spec.seconds });
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}
