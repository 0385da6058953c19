/** A few calls of the HTTP API, for building the bench's data the way a user would. */
export class ApiClient {
  constructor(
    readonly url: string,
    readonly token = '',
  ) {}

  as(token: string): ApiClient {
    return new ApiClient(this.url, token);
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: object, expected = [200, 201]): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!expected.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async login(email: string, password: string): Promise<ApiClient> {
    const { accessToken } = await this.call<{ accessToken: string }>('POST', '/api/v1/auth/login', { email, password }, [200]);
    return this.as(accessToken);
  }
}

/** Runs `work` for 0..count-1 with at most `parallel` calls in flight. */
export async function inParallel(count: number, parallel: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}
