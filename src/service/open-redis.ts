import type { Env } from '../core/env.js';
import type { Logger } from '../core/logger.js';
import { ensureRedis, type RedisEndpoint } from '../queue/local-redis.js';
import type { RedisClient } from '../queue/redis.js';
import { describeTarget, redisTargetOf } from '../queue/redis-target.js';

/** The configured Redis, or outside production a private redis-server when it does not answer. */
export async function openRedis(env: Env, log: Logger): Promise<RedisEndpoint> {
  const endpoint = await ensureRedis(redisTargetOf(env), {
    autostart: env.REDIS_AUTOSTART && env.NODE_ENV !== 'production',
  });
  if (endpoint.private) {
    log.warn(
      { redis: describeTarget(endpoint.target) },
      'REDIS_URL did not answer; started a private redis-server (data is not kept)',
    );
  } else log.info({ redis: describeTarget(endpoint.target) }, 'using Redis');
  return endpoint;
}

/** Resolves once the client is connected, or after `timeoutMs` (it then keeps trying on its own). */
export async function waitForReady(client: RedisClient, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
    function done(): void {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    }
  });
}
