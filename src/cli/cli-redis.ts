import type { Redis } from 'ioredis';
import type { Env } from '../core/env.js';
import { ensureRedis, RedisUnavailableError } from '../queue/local-redis.js';
import { createRedis } from '../queue/redis.js';
import { EXIT_UNAVAILABLE } from './run-service.js';

/**
 * Runs `fn` with a Redis client for a one-shot CLI command (never a private redis-server: it would be
 * empty). Redis down: one line on stderr, exit 69. The client is closed afterwards.
 */
export async function withCliRedis<T>(env: Env, fn: (redis: Redis) => Promise<T>): Promise<T> {
  let url: string;
  try {
    url = (await ensureRedis(env.REDIS_URL, { autostart: false })).url;
  } catch (err) {
    if (err instanceof RedisUnavailableError) {
      process.stderr.write(`partnersync: ${err.message}\n`);
      process.exit(EXIT_UNAVAILABLE);
    }
    throw err;
  }
  const redis = createRedis(url, 'worker');
  try {
    return await fn(redis);
  } finally {
    await redis.quit().catch(() => undefined);
  }
}
