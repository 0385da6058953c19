import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { AddressInfo, connect, createServer, Server } from 'node:net';

/**
 * A loopback port nobody listened on a moment ago. Another process may take it before ours binds it,
 * so servers start through `onFreePort` (or bind port 0 themselves); on its own it only names a port
 * to be refused on.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether an error, or the log of a process that ended, says the address was already taken. */
export function addressInUse(error: unknown): boolean {
  return /EADDRINUSE|address already in use/i.test(`${(error as { code?: string })?.code ?? ''} ${(error as Error)?.message ?? error}`);
}

/** Starts a server on a free port, and on another one when the port was taken between choosing it and binding it. */
export async function onFreePort<T>(start: (port: number) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort());
    } catch (error) {
      if (attempt >= attempts || !addressInUse(error)) throw error;
    }
  }
}

/** Listens on `port` (0: any free one, which the kernel picks atomically) on loopback; answers the port bound. */
export function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Whether process `pid` is the one listening on TCP `port`, so a test never takes another process's
 * server on a reused port for the one it started. Read from /proc; where there is none, true.
 */
export function listensOn(pid: number, port: number): boolean {
  if (!existsSync('/proc/net/tcp')) return true;
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local address, state 0A = LISTEN, inode
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') inodes.add(fields[9]);
    }
  }
  if (!inodes.size) return false;
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/)?.[1] ?? '');
      } catch {
        return false; // closed while we looked
      }
    });
  } catch {
    return false; // the process has ended
  }
}

/** Whether anything accepts a connection on the loopback port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Spawns a server process told its port by `spawnAt`, and waits until it is the process listening
 * there and `ready` says so. When it ends first and another process holds the port (taken since
 * `freePort` chose it), it is spawned again on another port.
 */
export function spawnOnFreePort(
  spawnAt: (port: number) => ChildProcess,
  ready: (port: number) => Promise<boolean>,
  what: string,
  timeoutMs = 45000,
): Promise<{ child: ChildProcess; port: number }> {
  return onFreePort(async (port) => {
    const child = spawnAt(port);
    let ended: Error | undefined;
    child.once(
      'exit',
      (code) =>
        void answers(port).then(
          (taken) => (ended = new Error(taken ? `${what}: port ${port} was taken (EADDRINUSE)` : `${what} exited with ${code} at start`)),
        ),
    );
    try {
      await waitFor(
        async () => (await ready(port)) && listensOn(child.pid!, port),
        timeoutMs,
        what,
        () => ended,
      );
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    return { child, port };
  });
}

/** Probes until it answers, the time is up, or `failed` names an error (a process it waits for has ended, say). */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30000,
  what = 'condition',
  failed?: () => Error | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const failure = failed?.();
    if (failure) throw failure;
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError instanceof Error ? lastError.message : String(lastError)}` : ''}`);
}

/**
 * Waits for a BullMQ job to reach `state`. A processor's own writes (a row marked sent, a summary stored)
 * land before BullMQ moves the job on, so a test that saw the writes may still find the job active.
 */
export async function jobReaches(
  queue: { getJobState(jobId: string): Promise<string> },
  jobId: string,
  state: 'completed' | 'failed',
  timeoutMs = 10000,
): Promise<void> {
  let last = 'unknown';
  await waitFor(
    async () => {
      last = await queue.getJobState(jobId);
      return last === state;
    },
    timeoutMs,
    `job ${jobId} to be ${state}`,
  ).catch(() => {
    throw new Error(`job ${jobId} is ${last}, not ${state}, after ${timeoutMs} ms`);
  });
}
