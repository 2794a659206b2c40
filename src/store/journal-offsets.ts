import { z } from 'zod';
import type { RedisClient } from '../queue/redis.js';
import type { KeySpace } from './keys.js';

/** Where a connection's journal reader stands: the last offset whose events are in the spool. */
const Committed = z.object({
  offset: z.string().min(1),
  /** When it was committed (ms). */
  at: z.number(),
  /** Latest `occurredAt` of that entry's events (ms), when it held any. */
  occurredAt: z.number().optional(),
});
export type CommittedOffset = z.infer<typeof Committed>;

/** What the reader is doing, for /readyz and /metrics of any process. */
const Status = z.object({
  state: z.enum(['starting', 'consuming', 'caught_up', 'backoff', 'standby', 'fallback', 'stopped']),
  /** How far behind the newest change it has read (ms); 0 when caught up. */
  lagMs: z.number().nonnegative(),
  at: z.number(),
  /** Why it is backing off or fell back (no secrets: vendor messages only). */
  reason: z.string().optional(),
});
export type JournalStatus = z.infer<typeof Status>;

/** A status not refreshed for this long is reported as `stopped` (its process is gone). */
export const JOURNAL_STATUS_TTL_MS = 60_000;

export interface JournalOffsets {
  committed(connectionId: string): Promise<CommittedOffset | undefined>;
  commit(connectionId: string, offset: CommittedOffset): Promise<void>;
  /** Forgets the offset: the next read starts from the earliest entry HubSpot holds. */
  clear(connectionId: string): Promise<void>;
  setStatus(connectionId: string, status: JournalStatus): Promise<void>;
  status(connectionId: string): Promise<JournalStatus | undefined>;
}

export function createJournalOffsets(redis: RedisClient, keys: KeySpace): JournalOffsets {
  const offsetKey = (id: string): string => keys.connection(id, 'hubspot-journal', 'offset');
  const statusKey = (id: string): string => keys.connection(id, 'hubspot-journal', 'status');
  const read = async <T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> => {
    const raw = await redis.get(key);
    return raw === null ? undefined : schema.parse(JSON.parse(raw));
  };
  return {
    committed: (id) => read(offsetKey(id), Committed),
    async commit(id, offset) {
      await redis.set(offsetKey(id), JSON.stringify(offset));
    },
    async clear(id) {
      await redis.del(offsetKey(id));
    },
    async setStatus(id, status) {
      await redis.set(statusKey(id), JSON.stringify(status), 'PX', JOURNAL_STATUS_TTL_MS);
    },
    status: (id) => read(statusKey(id), Status),
  };
}
