import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis, { RedisOptions } from 'ioredis';
import { ConfigError } from '../config/app-config';

/** Where clients find Redis: ioredis options, shared by the queues and the health check. */
export type RedisTarget = { url: string } | { path: string } | { host: string; port: number };

export function redisOptions(target: RedisTarget): RedisOptions {
  if ('url' in target) {
    const u = new URL(target.url);
    return {
      host: u.hostname,
      port: Number(u.port || 6379),
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
      tls: u.protocol === 'rediss:' ? {} : undefined,
    };
  }
  return { ...target };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * A private redis-server child. It runs under a small shell guard that reads our stdin: when this
 * process dies in any way (even SIGKILL) the pipe closes and the guard stops Redis.
 */
export class EmbeddedRedis {
  private child?: ChildProcess;
  target?: RedisTarget;

  constructor(private readonly dataDir: string) {}

  async start(): Promise<RedisTarget> {
    if (!redisServerAvailable()) {
      throw new ConfigError(
        'REDIS_URL',
        'is unset and redis-server is not on the PATH: install it (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis) or set REDIS_URL',
      );
    }
    const dir = join(this.dataDir, 'redis');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const socket = join(dir, 'redis.sock');
    // Unix socket paths are limited to about 104 bytes; fall back to a loopback port beyond that.
    const useSocket = Buffer.byteLength(socket) < 100;
    const port = useSocket ? 0 : await freePort();
    if (useSocket) rmSync(socket, { force: true });
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
      ...(useSocket ? ['--unixsocket', socket, '--unixsocketperm', '700'] : []),
    ];
    const guard = 'redis-server "$@" & pid=$!; trap \'kill -TERM $pid 2>/dev/null\' TERM INT; ' + 'read _ignored; kill -TERM $pid 2>/dev/null; wait $pid';
    this.child = spawn('sh', ['-c', guard, 'redis-guard', ...args], { stdio: ['pipe', 'ignore', 'inherit'] });
    this.target = useSocket ? { path: socket } : { host: '127.0.0.1', port };
    await this.waitUntilReady(this.target);
    return this.target;
  }

  private async waitUntilReady(target: RedisTarget): Promise<void> {
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) throw new Error('The embedded redis-server exited at start; see its output above.');
      const client = new Redis({ ...redisOptions(target), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch {
        // not listening yet
      } finally {
        client.disconnect();
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('The embedded redis-server did not answer within 10 s.');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
