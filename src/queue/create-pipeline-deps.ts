import type { RetryOptions } from '../../connectors/with-retries.js';
import type { Queue } from 'bullmq';
import type { RedisClient } from './redis.js';
import type { ConnectionConfig } from '../../connectors/connection-config.js';
import { fileMappings } from '../admin/file-mappings.js';
import type { Env } from '../core/env.js';
import type { Logger } from '../core/logger.js';
import { createMetrics, type Metrics } from '../core/metrics.js';
import { createQueueSet, type QueueLookup } from './queue-set.js';
import { createChangeInbox } from '../store/change-inbox.js';
import { createKeySpace } from '../store/keys.js';
import { createMappingStore } from '../store/mapping-store.js';
import { createMirror } from '../store/mirror.js';
import { createWebhookSpool } from '../store/webhook-spool.js';
import { createWriteBackStore } from '../store/write-back-store.js';
import { buildConnections } from './build-connections.js';
import { createJobScheduler } from './job-scheduler.js';
import type { PipelineDeps } from './pipeline-deps.js';

export interface PipelineRuntime {
  readonly deps: PipelineDeps;
  /** Every queue of every connection. */
  readonly queues: readonly Queue[];
  readonly queue: QueueLookup;
  /** Closes the queues (the Redis client belongs to the caller). */
  close(): Promise<void>;
}

/** Everything jobs need, on one patient (worker-role) Redis client: stores, connections, queues, scheduler. */
export function createPipelineDeps(options: {
  readonly env: Env;
  readonly connections: readonly ConnectionConfig[];
  readonly redis: RedisClient;
  readonly log: Logger;
  readonly now?: () => number;
  readonly metrics?: Metrics;
  /** Setup commands (backfill): retry transient CRM failures in place. */
  readonly retry?: RetryOptions;
}): PipelineRuntime {
  const { env, redis, log } = options;
  const now = options.now ?? Date.now;
  const keys = createKeySpace(env.REDIS_PREFIX);
  const queueSet = createQueueSet(
    redis,
    keys,
    options.connections.map((c) => c.id),
  );
  const mappings = createMappingStore(redis, keys, { now, fallback: fileMappings(options.connections) });
  const deps: PipelineDeps = {
    log,
    metrics: options.metrics ?? createMetrics({ defaultMetrics: false }),
    redis,
    keys,
    connections: buildConnections(options.connections, {
      redis,
      keys,
      log,
      activeMapping: (id, fallback) => mappings.activeMapping(id, fallback),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
    }),
    inbox: createChangeInbox(redis, keys),
    spool: createWebhookSpool(redis, keys),
    mirror: createMirror(redis, keys),
    writeBack: createWriteBackStore(redis, keys, now),
    scheduler: createJobScheduler(queueSet.queue, {
      ingestWindowMs: env.INGEST_WINDOW_MS,
      writeBackWindowMs: env.WRITE_BACK_WINDOW_MS,
      now,
    }),
    now,
  };
  return { deps, queues: queueSet.all(), queue: queueSet.queue, close: queueSet.close };
}
