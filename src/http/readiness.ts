import type { RedisClient } from '../queue/redis.js';
import { pingRedis } from '../queue/redis.js';

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, 'ok' | 'down'>;
}

export type ReadinessCheck = () => Promise<ReadinessReport>;

/**
 * Ready when Redis answers within the deadline and every queue's metadata can be read. The HTTP tier's
 * client fails fast, so a Redis outage turns into 503 within `timeoutMs`.
 */
export function redisReadiness(
  redis: RedisClient,
  queues: readonly { name: string; getJobCounts: (...states: never[]) => Promise<unknown> }[],
  timeoutMs = 500,
): ReadinessCheck {
  return async () => {
    const redisOk = await pingRedis(redis, timeoutMs);
    let queuesOk = redisOk;
    if (redisOk && queues.length > 0) {
      const reads = Promise.all(queues.map((q) => q.getJobCounts())).then(
        () => true,
        () => false,
      );
      queuesOk = await Promise.race([
        reads,
        new Promise<false>((r) => setTimeout(() => r(false), timeoutMs).unref()),
      ]);
    }
    return {
      ready: redisOk && queuesOk,
      checks: { redis: redisOk ? 'ok' : 'down', queues: queuesOk ? 'ok' : 'down' },
    };
  };
}
