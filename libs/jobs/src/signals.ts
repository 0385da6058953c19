import { randomUUID } from 'node:crypto';
import { OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisOptions, RedisTarget } from '@r2c/core';

/**
 * Signals between the app's processes over Redis publish/subscribe: "there is work for you", never the
 * work itself. Best effort: while Redis is away a channel's signal waits (once) for it to come back,
 * but a listener that was away meanwhile misses it, so whoever listens must also find its work another
 * way (the relays poll). A process does not hear its own signals.
 */
export class Signals implements OnApplicationShutdown {
  private readonly origin = randomUUID();
  private publisher?: Redis;
  /** Channels signalled while the publisher was not connected: each is sent once when it is. */
  private readonly waiting = new Set<string>();
  private readonly listeners = new Set<Redis>();

  constructor(private readonly target: RedisTarget) {}

  publish(channel: string): void {
    const publisher = (this.publisher ??= this.connectPublisher());
    if (publisher.status === 'ready') publisher.publish(channel, this.origin).catch(() => undefined);
    else this.waiting.add(channel);
  }

  /** Calls `onSignal` for each signal on `channel` from another process (again after a reconnection); answers how to stop. */
  subscribe(channel: string, onSignal: () => void): () => void {
    const listener = this.connect({ enableOfflineQueue: true });
    this.listeners.add(listener);
    listener.on('message', (from: string, origin: string) => from === channel && origin !== this.origin && onSignal());
    listener.subscribe(channel).catch(() => undefined);
    return () => {
      this.listeners.delete(listener);
      listener.disconnect();
    };
  }

  onApplicationShutdown(): void {
    this.publisher?.disconnect();
    this.publisher = undefined;
    this.waiting.clear();
    for (const listener of this.listeners) listener.disconnect();
    this.listeners.clear();
  }

  private connectPublisher(): Redis {
    // No queue of commands while disconnected: at most one signal per channel waits for the connection.
    const publisher = this.connect({ enableOfflineQueue: false });
    publisher.on('ready', () => {
      for (const channel of this.waiting) publisher.publish(channel, this.origin).catch(() => undefined);
      this.waiting.clear();
    });
    return publisher;
  }

  private connect(options: { enableOfflineQueue?: boolean }): Redis {
    const client = new Redis({ ...redisOptions(this.target), maxRetriesPerRequest: null, ...options });
    client.on('error', () => undefined); // Redis down: the queue monitor reports it; signals wait for it to come back
    return client;
  }
}
