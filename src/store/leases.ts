import type { RedisClient } from '../queue/redis.js';
import type { KeySpace } from './keys.js';
import { withLease, type LeaseOptions } from './with-lease.js';

/** Named per-connection leases, so callers hold one without knowing where it lives in Redis. */
export interface Leases {
  /** Runs `fn` while holding the connection's lease `name` (see {@link withLease}). */
  run<T>(connectionId: string, name: string, options: LeaseOptions, fn: () => Promise<T>): Promise<T>;
}

export function createLeases(redis: RedisClient, keys: KeySpace): Leases {
  return {
    run: (connectionId, name, options, fn) =>
      withLease(redis, keys.connection(connectionId, 'lock', name), options, fn),
  };
}
