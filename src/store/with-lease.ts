import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../queue/redis.js';
import { EXTEND_OWNED, RELEASE_OWNED } from './owned-key-scripts.js';

export class LeaseBusyError extends Error {
  override readonly name = 'LeaseBusyError';
}

export interface LeaseOptions {
  /**
   * The lease expires by itself this long after its holder last renewed it, so a crashed (SIGKILLed)
   * holder blocks the others for at most this long. A live holder renews it every third of it.
   */
  readonly ttlMs: number;
  /** How long to wait for a busy lease before giving up (the job is then retried). */
  readonly waitMs: number;
  readonly pollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` while holding a Redis lease (SET NX PX with a random token, renewed while `fn` runs,
 * released only by its holder), so work that must not interleave across workers runs one at a time.
 * Throws {@link LeaseBusyError} when the lease stays busy for `waitMs`.
 */
export async function withLease<T>(
  redis: RedisClient,
  key: string,
  options: LeaseOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const token = randomUUID();
  const sleep = options.sleep ?? defaultSleep;
  const pollMs = options.pollMs ?? 20;
  let waited = 0;
  while ((await redis.set(key, token, 'PX', options.ttlMs, 'NX')) !== 'OK') {
    if (waited >= options.waitMs) throw new LeaseBusyError(`lease ${key} busy for ${waited} ms`);
    await sleep(pollMs);
    waited += pollMs;
  }
  const renew = setInterval(
    () => void EXTEND_OWNED.run(redis, [key], [token, String(options.ttlMs)]).catch(() => undefined),
    Math.max(10, Math.floor(options.ttlMs / 3)),
  );
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    await RELEASE_OWNED.run(redis, [key], [token]);
  }
}
