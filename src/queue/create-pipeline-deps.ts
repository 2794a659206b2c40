import type { RetryOptions } from '../../connectors/with-retries.js';
import type { Queue } from 'bullmq';
import type { RedisClient } from './redis.js';
import type { ConnectionConfig } from '../../connectors/connection-config.js';
import { fileMappings } from '../admin/file-mappings.js';
import type { Env } from '../core/env.js';
import type { Logger } from '../core/logger.js';
import { createMetrics, type Metrics } from '../core/metrics.js';
import { createQueueSet, type QueueLookup } from './queue-set.js';
import { createKeySpace } from '../store/keys.js';
import { createStores } from '../store/stores.js';
import { buildConnections } from './build-connections.js';
import { createJobScheduler } from './job-scheduler.js';
import type { JobDeps, PipelineDeps } from './pipeline-deps.js';
import { whyLinksFromEnv } from '../why-link/why-links.js';

export interface PipelineRuntime {
  readonly deps: PipelineDeps;
  /** The same, without the Redis client and key space: what the workers hand to jobs. */
  readonly jobDeps: JobDeps;
  /** Every queue of every connection. */
  readonly queues: readonly Queue[];
  readonly queue: QueueLookup;
  /** Closes the queues (the Redis client belongs to the caller). */
  close(): Promise<void>;
}

/** Everything jobs need, on one patient (worker-role) Redis client: the stores (built here, once), connections, queues, scheduler. */
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
    log,
  );
  const stores = createStores(redis, keys, { now, mappingFallback: fileMappings(options.connections) });
  const whyLinks = whyLinksFromEnv(env);
  const jobDeps: JobDeps = {
    ...stores,
    log,
    metrics: options.metrics ?? createMetrics({ defaultMetrics: false }),
    connections: buildConnections(options.connections, {
      redis,
      keys,
      log,
      activeMapping: (id, fallback) => stores.mappings.activeMapping(id, fallback),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
    }),
    scheduler: createJobScheduler(queueSet.queue, {
      ingestWindowMs: env.INGEST_WINDOW_MS,
      writeBackWindowMs: env.WRITE_BACK_WINDOW_MS,
      now,
    }),
    now,
    ...(whyLinks === null ? {} : { whyLinks }),
  };
  const deps: PipelineDeps = { ...jobDeps, redis, keys };
  return { deps, jobDeps, queues: queueSet.all(), queue: queueSet.queue, close: queueSet.close };
}
