import { deleteKeys } from './delete-keys.js';
/**
 * The bed under `bench/writeback.ts`: CRM sandboxes, connections built by `buildConnections` pointing at
 * them, and PipelineDeps from the real stores on a real Redis under a unique prefix.
 */
import { randomUUID } from 'node:crypto';
import { createQueueSet } from '../src/queue/queue-set.js';
import type { RedisClient } from '../src/queue/redis.js';
import { ConnectionConfig } from '../connectors/connection-config.js';
import type { SchemaSpec } from '../connectors/port.js';
import { adminActor } from '../connectors/sandbox/hubspot/portal.js';
import type { RecordStore } from '../connectors/sandbox/store.js';
import { writeBack } from '../jobs/write-back/write-back.js';
import { CrmRateLimitError, CrmTransientError } from '../src/core/errors/index.js';
import { createLogger } from '../src/core/logger.js';
import { createMetrics } from '../src/core/metrics.js';
import { buildConnections } from '../src/queue/build-connections.js';
import { createJobScheduler } from '../src/queue/job-scheduler.js';
import type { PipelineDeps } from '../src/queue/pipeline-deps.js';
import { createKeySpace, type KeySpace } from '../src/store/keys.js';
import { createStores } from '../src/store/stores.js';
import type { WriteBackRequest } from '../src/store/write-back-store.js';

export const log = (message: string): void => void process.stderr.write(`${message}\n`);

export interface Bed {
  readonly deps: PipelineDeps;
  readonly keys: KeySpace;
  close(): Promise<void>;
}

export function buildBed(redis: RedisClient, configs: readonly unknown[]): Bed {
  const keys = createKeySpace(`bench-wb-${randomUUID().slice(0, 8)}`);
  const logger = createLogger({ level: 'warn' });
  const parsed = configs.map((c) => ConnectionConfig.parse(c));
  const queueSet = createQueueSet(
    redis,
    keys,
    parsed.map((c) => c.id),
  );
  const deps: PipelineDeps = {
    ...createStores(redis, keys, { now: Date.now }),
    log: logger,
    metrics: createMetrics(),
    redis,
    keys,
    connections: buildConnections(parsed, { redis, keys, log: logger }),
    scheduler: createJobScheduler(queueSet.queue, {
      ingestWindowMs: 1_000,
      writeBackWindowMs: 1_000,
      now: Date.now,
    }),
    now: Date.now,
  };
  return {
    deps,
    keys,
    close: async () => {
      await queueSet.close();
      await deleteKeys(redis, `${keys.prefix}:*`);
    },
  };
}

export async function provision(bed: Bed, connection: string, spec: SchemaSpec): Promise<void> {
  const runtime = bed.deps.connections.get(connection);
  if (runtime === undefined) throw new Error(`no connection ${connection}`);
  const report = await runtime.connector.ensureSchema(spec, { signal: AbortSignal.timeout(60_000) });
  const failed = report.items.filter((i) => i.status === 'failed');
  if (failed.length > 0) throw new Error(`provisioning ${connection} failed: ${JSON.stringify(failed)}`);
}

export function addRecords(
  store: RecordStore,
  type: string,
  n: number,
  fields: (i: number) => Record<string, string>,
): string[] {
  return Array.from({ length: n }, (_v, i) => store.create(type, fields(i), adminActor).id);
}

export function updates(
  objectType: string,
  idField: string,
  ids: readonly string[],
  fields: (i: number) => WriteBackRequest['fields'],
): WriteBackRequest[] {
  return ids.map((id, i) => ({ objectType, operation: 'update', idField, id, fields: fields(i) }));
}

export interface DrainStats {
  written: number;
  noops: number;
  rejected: number;
  rateLimited: number;
  transient: number;
}

/**
 * Runs the real write-back job until the connection's backlog is empty, doing what the worker runtime
 * does between runs: a rate-limited run is delayed by the vendor's wait (no attempt spent), a
 * transient failure is retried.
 */
export async function drain(bed: Bed, connection: string, deadlineMs: number): Promise<DrainStats> {
  const stats: DrainStats = { written: 0, noops: 0, rejected: 0, rateLimited: 0, transient: 0 };
  const ctx = { log: bed.deps.log, signal: AbortSignal.timeout(deadlineMs), jobId: 'bench', attemptsMade: 0 };
  while ((await bed.deps.writeBack.pendingCount(connection)) > 0) {
    try {
      const r = await writeBack.run({ connection }, bed.deps, ctx);
      stats.written += r.written;
      stats.noops += r.noops;
      stats.rejected += r.rejected;
    } catch (err) {
      if (err instanceof CrmRateLimitError) {
        stats.rateLimited += 1;
        await new Promise((resolve) => setTimeout(resolve, err.retryAfterMs));
      } else if (err instanceof CrmTransientError) stats.transient += 1;
      else throw err;
    }
    ctx.signal.throwIfAborted();
  }
  return stats;
}
