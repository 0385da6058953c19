import { AppConfig, loadConfig } from './config/app-config';
import { keepDataDirPrivate } from './data-dir';
import { EmbeddedRedis, RedisTarget } from './redis/embedded-redis';

/** What a process needs before Nest starts: validated configuration and a reachable Redis. */
export interface Runtime {
  config: AppConfig;
  redis: RedisTarget;
  stop(): Promise<void>;
}

export async function startRuntime(env: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
  const config = loadConfig(env);
  keepDataDirPrivate(config.dataDir);
  if (config.redisUrl) {
    return { config, redis: { url: config.redisUrl }, stop: async () => undefined };
  }
  const embedded = new EmbeddedRedis(config.dataDir);
  const redis = await embedded.start();
  return { config, redis, stop: () => embedded.stop() };
}
