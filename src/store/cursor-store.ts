import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../queue/redis.js';
import type { ChangeCursor } from '../../connectors/port.js';
import type { KeySpace } from './keys.js';
import { EXTEND_OWNED, RELEASE_OWNED } from './owned-key-scripts.js';

export interface SyncLock {
  extend(): Promise<void>;
  release(): Promise<void>;
}

export interface CursorStore {
  get(connectionId: string, objectType: string): Promise<ChangeCursor | null>;
  set(connectionId: string, objectType: string, cursor: ChangeCursor): Promise<void>;
  reset(connectionId: string, objectType: string): Promise<void>;
  /** A lease so one sync per connection and object type runs at a time across all workers. */
  lock(connectionId: string, objectType: string, ttlMs: number): Promise<SyncLock | null>;
}

function objectPart(objectType: string): string {
  return objectType.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function createCursorStore(redis: RedisClient, keys: KeySpace): CursorStore {
  const cursorKey = (c: string, t: string): string => keys.connection(c, 'cursor', objectPart(t));
  const lockKey = (c: string, t: string): string => keys.connection(c, 'lock', 'sync', objectPart(t));
  return {
    async get(c, t) {
      const raw = await redis.get(cursorKey(c, t));
      return raw === null ? null : (JSON.parse(raw) as ChangeCursor);
    },
    async set(c, t, cursor) {
      await redis.set(cursorKey(c, t), JSON.stringify(cursor));
    },
    async reset(c, t) {
      await redis.del(cursorKey(c, t));
    },
    async lock(c, t, ttlMs) {
      const token = randomUUID();
      const key = lockKey(c, t);
      const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
      if (ok !== 'OK') return null;
      return {
        extend: async () => {
          await EXTEND_OWNED.run(redis, [key], [token, ttlMs]);
        },
        release: async () => {
          await RELEASE_OWNED.run(redis, [key], [token]);
        },
      };
    },
  };
}
