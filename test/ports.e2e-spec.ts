import { spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { listenOn, listensOn, spawnOnFreePort } from './support/ports';

/** A node process serving TCP on the port it is given; it exits with EADDRINUSE when the port is taken, as our servers do. */
const server = (port: number) =>
  spawn(process.execPath, ['-e', `require('net').createServer((s) => s.on('error', () => {}).end('hello')).listen(${port}, '127.0.0.1')`], { stdio: 'ignore' });

describe('starting servers on free ports', () => {
  const thieves: Server[] = [];
  afterAll(() => thieves.forEach((t) => t.close()));

  it('starts a spawned server again on another port when its port was taken before it bound it, and tells its own listener from another process', async () => {
    const tried: number[] = [];
    const { child, port } = await spawnOnFreePort(
      (port) => {
        tried.push(port);
        if (tried.length === 1) {
          // Another process takes the port between freePort() and the bind, and answers on it too.
          const thief = createServer((s) => s.on('error', () => undefined).end('not yours'));
          thieves.push(thief);
          thief.listen(port, '127.0.0.1');
        }
        return server(port);
      },
      async () => true,
      'the test server',
    );
    try {
      expect(tried).toHaveLength(2);
      expect(port).toBe(tried[1]);
      expect(listensOn(child.pid!, port)).toBe(true);
      expect(listensOn(child.pid!, tried[0])).toBe(false);
      expect(listensOn(process.pid, tried[0])).toBe(true);
    } finally {
      child.kill();
    }
  });

  it('binds port 0 for servers of this process, so the kernel picks a free port as it binds', async () => {
    const own = createServer();
    thieves.push(own);
    const port = await listenOn(own, 0);
    expect(port).toBeGreaterThan(0);
    expect(listensOn(process.pid, port)).toBe(true);
  });
});
