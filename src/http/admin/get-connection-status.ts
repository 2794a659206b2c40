import { z } from 'zod';
import type { BudgetUsage } from '../../../connectors/budget-usage.js';
import { mappingSources } from '../../ingest/mapping-sources.js';
import type { AdminRouteIo } from './admin-route-io.js';
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

const NO_BUDGET: BudgetUsage = { usedToday: 0, capToday: null, warnFrom: null, buckets: [] };

/**
 * GET /admin/connections/:id/status — what the console's connections page shows, from what the service
 * already keeps: the rate budget's counters, sync cursors, the change inbox, rejections.
 */
export function connectionStatusRoute(io: Pick<AdminRouteIo, 'stores'>) {
  const { cursors, inbox } = io.stores;
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
      const objectTypes = [...mappingSources(await runtime.mapping())].sort();
      const lastSync = await Promise.all(
        objectTypes.map(async (objectType) => ({
          objectType,
          syncedTo: (await cursors.get(id, objectType))?.since ?? null,
        })),
      );
      const [pendingChanges, lastReceivedAt] = await Promise.all([inbox.size(id), inbox.lastReceivedAt(id)]);
      const { usedToday, capToday, warnFrom, buckets } = (await runtime.budget?.usage()) ?? NO_BUDGET;
      const rejections = (await deps.writeBack.rejections(id)).length;
      const problems: string[] = [];
      if (capToday !== null && warnFrom !== null && usedToday >= warnFrom)
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
        budget: { usedToday, capToday, buckets: [...buckets] },
        rejections,
      };
    },
  });
}
