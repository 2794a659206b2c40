import { z } from 'zod';
import type { RedisClient } from '../queue/redis.js';
import type { KeySpace } from './keys.js';

/** Where one channel subscriber is, as /readyz and /metrics report it (any process may read it). */
export const StreamStatus = z.object({
  /** `unavailable`: the org has no such channel (object not selected for Change Data Capture). */
  state: z.enum(['connecting', 'streaming', 'reconnecting', 'unavailable', 'standby', 'stopped']),
  /** The process holding the connection's stream lease. */
  holder: z.string(),
  /** Commit time of the newest change spooled → when it was spooled, ms. */
  lagMs: z.number(),
  lastReplayId: z.number().nullable(),
  reconnects: z.number().int(),
  resyncs: z.number().int(),
  updatedAt: z.number(),
  lastError: z.string().optional(),
});
export type StreamStatus = z.infer<typeof StreamStatus>;

/** Per connection and channel: the committed replay id, and the subscriber's status. */
export interface ChangeStreamStore {
  replayId(connectionId: string, channel: string): Promise<number | null>;
  /** Only after the events up to `replayId` are in the inbox. */
  commit(connectionId: string, channel: string, replayId: number): Promise<void>;
  forget(connectionId: string, channel: string): Promise<void>;
  setStatus(connectionId: string, channel: string, status: StreamStatus): Promise<void>;
  statuses(connectionId: string): Promise<Record<string, StreamStatus>>;
}

export function createChangeStreamStore(redis: RedisClient, keys: KeySpace): ChangeStreamStore {
  const replayKey = (id: string): string => keys.connection(id, 'stream-replay');
  const statusKey = (id: string): string => keys.connection(id, 'stream-status');
  return {
    async replayId(connectionId, channel) {
      const raw = await redis.hget(replayKey(connectionId), channel);
      const value = raw === null ? NaN : Number(raw);
      return Number.isSafeInteger(value) && value >= 0 ? value : null;
    },
    async commit(connectionId, channel, replayId) {
      await redis.hset(replayKey(connectionId), channel, String(replayId));
    },
    async forget(connectionId, channel) {
      await redis.hdel(replayKey(connectionId), channel);
    },
    async setStatus(connectionId, channel, status) {
      await redis.hset(statusKey(connectionId), channel, JSON.stringify(status));
    },
    async statuses(connectionId) {
      const all = await redis.hgetall(statusKey(connectionId));
      const out: Record<string, StreamStatus> = {};
      for (const [channel, raw] of Object.entries(all)) {
        const parsed = StreamStatus.safeParse(JSON.parse(raw));
        if (parsed.success) out[channel] = parsed.data;
      }
      return out;
    },
  };
}
