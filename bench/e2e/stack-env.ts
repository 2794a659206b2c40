import type { RedisEndpoint } from '../../src/queue/local-redis.js';
import { createRedis } from '../../src/queue/redis.js';
import { targetEnv, type RedisTarget } from '../../src/queue/redis-target.js';
import { deleteKeys } from '../delete-keys.js';

/** The embedded stack's settings for an end-to-end latency run: its own key prefix, short windows. */
export function e2eStackEnv(target: RedisTarget, prefix: string): Record<string, string> {
  return {
    ...targetEnv(target),
    REDIS_PREFIX: prefix,
    INGEST_WINDOW_MS: '100',
    WRITE_BACK_WINDOW_MS: '100',
    WORKER_CONCURRENCY: '8',
  };
}

/** Ends an end-to-end run: the stack, then its keys under `prefix`, then any Redis it started. */
export async function closeE2eStack(
  stack: { close(): Promise<void> },
  redis: RedisEndpoint,
  prefix: string,
): Promise<void> {
  await stack.close();
  const client = createRedis(redis.target, 'worker');
  await deleteKeys(client, `*${prefix}*`);
  client.disconnect();
  await redis.stop();
}
