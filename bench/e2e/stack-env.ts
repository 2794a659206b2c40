import { targetEnv, type RedisTarget } from '../../src/queue/redis-target.js';

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
