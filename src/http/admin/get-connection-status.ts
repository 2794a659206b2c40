import type { RedisClient } from '../../queue/redis.js';
import { z } from 'zod';
import { rateBudgetConfig } from '../../queue/build-connections.js';
import { mappingSources } from '../../ingest/mapping-sources.js';
import { createChangeInbox } from '../../store/change-inbox.js';
import { createCursorStore } from '../../store/cursor-store.js';
import type { KeySpace } from '../../store/keys.js';
import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute } from './admin-route.js';
import { ConnectionParams, NoQuery } from './admin-schemas.js';

export const ConnectionStatus = z.object({
  id: z.string(),
  provider: z.enum(['salesforce', 'hubspot']),
  health: z.enum(['ok', 'degraded']),
  problems: z.array(z.string()),
  activeMappingVersion: z.number().int().positive().nullable(),
  /**
   * Changes the CRM notified us of (webhooks, outbound messages) not yet processed, and when the newest
   * one received happened (kept after it is processed).
   */
  pendingChanges: z.number().int().nonnegative(),
  lastChangeAt: z.string().nullable(),
  /** Per mapped object type: everything modified before `syncedTo` has been read. */
  lastSync: z.array(z.object({ objectType: z.string(), syncedTo: z.string().nullable() })),
  budget: z.object({
    usedToday: z.number().int().nonnegative(),
    capToday: z.number().int().nonnegative().nullable(),
    buckets: z.array(
      z.object({
        bucket: z.string(),
        usedNow: z.number().nonnegative(),
        capacity: z.number(),
        /** The time the bucket takes to refill from empty; may be below one second. */
        windowSeconds: z.number().positive(),
      }),
    ),
  }),
  rejections: z.number().int().nonnegative(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

/** Tokens used in a token bucket now: its capacity minus what is left after refilling up to `now`. */
function bucketUsed(state: (string | null)[], capacity: number, refillPerSec: number, now: number): number {
  const tokens = Number(state[0]);
  const ts = Number(state[1]);
  if (state[0] === null || state[1] === null || !Number.isFinite(tokens) || !Number.isFinite(ts)) return 0;
  const refilled = Math.min(capacity, tokens + (Math.max(0, now - ts) * refillPerSec) / 1000);
  return Math.max(0, Math.round((capacity - refilled) * 10) / 10);
}

/**
 * GET /admin/connections/:id/status — what the console's connections page shows, read from what the
 * service already keeps in Redis: the rate budget's counters, sync cursors, the change inbox, rejections.
 */
export function connectionStatusRoute(io: { redis: RedisClient; keys: KeySpace; now?: () => number }) {
  const cursors = createCursorStore(io.redis, io.keys);
  const inbox = createChangeInbox(io.redis, io.keys);
  const now = io.now ?? Date.now;
  return defineAdminRoute({
    method: 'get',
    path: '/connections/:id/status',
    summary: 'Health, pending changes, last sync per object, API budget used and rejections of a connection',
    scope: 'any',
    params: ConnectionParams,
    query: NoQuery,
    response: ConnectionStatus,
    errors: [404],
    async handle({ params }, deps) {
      const runtime = connectionOrThrow(deps, params.id);
      const id = runtime.config.id;
      const at = now();
      const objectTypes = [...mappingSources(await runtime.mapping())].sort();
      const lastSync = await Promise.all(
        objectTypes.map(async (objectType) => ({
          objectType,
          syncedTo: (await cursors.get(id, objectType))?.since ?? null,
        })),
      );
      const [pendingChanges, lastReceivedAt] = await Promise.all([inbox.size(id), inbox.lastReceivedAt(id)]);
      const budgetConfig = rateBudgetConfig(runtime.config);
      const budgetKey = io.keys.connection(id, 'budget');
      const daily = budgetConfig.daily;
      const day = new Date(at + (daily?.utcOffsetMinutes ?? 0) * 60_000).toISOString().slice(0, 10);
      const usedToday = Number((await io.redis.get(`${budgetKey}:daily:${day}`)) ?? '0');
      const buckets = await Promise.all(
        Object.entries(budgetConfig.buckets).map(async ([bucket, cfg]) => ({
          bucket,
          usedNow: bucketUsed(
            await io.redis.hmget(`${budgetKey}:bucket:${bucket}`, 'tokens', 'ts'),
            cfg.capacity,
            cfg.refillPerSec,
            at,
          ),
          capacity: cfg.capacity,
          // Exact: a search bucket refills within a second (a rounded 0 read "per 0 s").
          windowSeconds: cfg.capacity / cfg.refillPerSec,
        })),
      );
      const rejections = (await deps.writeBack.rejections(id)).length;
      const capToday = daily === undefined ? null : Math.floor(daily.limit * daily.share);
      const problems: string[] = [];
      if (capToday !== null && daily !== undefined && usedToday >= capToday * daily.warnAt)
        problems.push(`API budget ${usedToday}/${capToday} today`);
      if (rejections > 0) problems.push(`${rejections} write-back(s) rejected by the CRM`);
      return {
        id,
        provider: runtime.config.provider,
        health: problems.length === 0 ? ('ok' as const) : ('degraded' as const),
        problems,
        activeMappingVersion: await deps.mappings.activeVersion(id),
        pendingChanges,
        lastChangeAt: lastReceivedAt === null ? null : new Date(lastReceivedAt).toISOString(),
        lastSync,
        budget: { usedToday, capToday, buckets },
        rejections,
      };
    },
  });
}
