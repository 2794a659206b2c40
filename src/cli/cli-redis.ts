import type { Env } from '../core/env.js';
import { ConfigError } from '../core/errors/index.js';
import { ensureRedis, RedisUnavailableError } from '../queue/local-redis.js';
import { createRedis, type RedisClient } from '../queue/redis.js';
import { redisTargetOf, type RedisTarget } from '../queue/redis-target.js';
import { EXIT_CONFIG, EXIT_UNAVAILABLE } from './load-env-or-exit.js';

/**
 * Runs `fn` with a Redis client for a one-shot CLI command (never a private redis-server: it would be
 * empty). Redis down: one line on stderr, exit 69; REDIS_URL at a cluster node: one line, exit 78. The
 * client is closed afterwards.
 */
export async function withCliRedis<T>(env: Env, fn: (redis: RedisClient) => Promise<T>): Promise<T> {
  let target: RedisTarget;
  try {
    target = (await ensureRedis(redisTargetOf(env), { autostart: false })).target;
  } catch (err) {
    if (err instanceof RedisUnavailableError || err instanceof ConfigError) {
      process.stderr.write(`partnersync: ${err.message}\n`);
      process.exit(err instanceof ConfigError ? EXIT_CONFIG : EXIT_UNAVAILABLE);
    }
    throw err;
  }
  const redis = createRedis(target, 'worker');
  try {
    return await fn(redis);
  } finally {
    await redis.quit().catch(() => undefined);
  }
}
