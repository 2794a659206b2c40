import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaScript } from './lua-script.js';

const RELEASE = luaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
);

export class LeaseBusyError extends Error {
  override readonly name = 'LeaseBusyError';
}

export interface LeaseOptions {
  /** The lease expires by itself after this long, so a crashed holder never blocks for good. */
  readonly ttlMs: number;
  /** How long to wait for a busy lease before giving up (the job is then retried). */
  readonly waitMs: number;
  readonly pollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` while holding a Redis lease (SET NX PX with a random token, released only by its holder),
 * so work that must not interleave across workers runs one at a time. Throws {@link LeaseBusyError}
 * when the lease stays busy for `waitMs`.
 */
export async function withLease<T>(
  redis: Redis,
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
  try {
    return await fn();
  } finally {
    await RELEASE.run(redis, [key], [token]);
  }
}
