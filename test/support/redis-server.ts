import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { onFreePort, waitFor } from './ports';

/** A real redis-server on a free loopback port (another one, if it was taken before redis-server bound it), owned by one test file; can be stopped and started again. */
export class TestRedis {
  private child?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'r2c-redis-'));
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    // A restart keeps the port: the app under test holds the URL.
    if (this.port) await this.spawn(this.port);
    else this.port = await onFreePort((port) => this.spawn(port));
    return this;
  }

  private async spawn(port: number): Promise<number> {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    let starting = true;
    const keep = (data: Buffer) => void (starting && (log += data.toString()));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let died: Error | undefined;
    child.once('exit', (code) => (died = new Error(`redis-server on port ${port} exited with ${code}: ${log.trim().split('\n').slice(-2).join(' ')}`)));
    this.child = child;
    // Ours, not another redis-server that took the port first: it works in our directory.
    const dir = realpathSync(this.dir);
    try {
      await waitFor(
        async () => {
          const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
          client.on('error', () => undefined);
          try {
            await client.connect();
            return ((await client.config('GET', 'dir')) as string[])[1] === dir;
          } finally {
            client.disconnect();
          }
        },
        10000,
        'redis-server',
        () => died,
      );
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    } finally {
      starting = false;
    }
    return port;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
