import type { Server } from 'node:http';
import type { ConnectionConfig } from '../../connectors/connection-config.js';
import { fileMappings } from '../admin/file-mappings.js';
import type { Env } from '../core/env.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import { warmParseWorker } from '../core/offload/parse-off-thread.js';
import { createApp } from '../http/create-app.js';
import { redisReadiness } from '../http/readiness.js';
import {
  refreshStreamMetrics,
  streamStatusReader,
  withStreamReadiness,
} from '../http/change-stream-report.js';
import { createJobScheduler } from '../queue/job-scheduler.js';
import type { ConnectionRegistry } from '../queue/pipeline-deps.js';
import { createQueueSet, type QueueSet } from '../queue/queue-set.js';
import { createRedis, type RedisClient } from '../queue/redis.js';
import type { RedisTarget } from '../queue/redis-target.js';
import type { KeySpace } from '../store/keys.js';
import { createStores } from '../store/stores.js';
import { createWebhookSpool } from '../store/webhook-spool.js';
import {
  adminRoutersOf,
  journalReporterOf,
  webhookRouterOf,
  whyRouterOf,
  type HttpParts,
} from './http-routers.js';
import { waitForReady } from './open-redis.js';

export interface HttpSide {
  readonly server: Server;
  /** Its Redis clients (quit at stop) and queues (closed at stop). */
  readonly clients: readonly RedisClient[];
  readonly queues: QueueSet;
  /** From now on /readyz answers "draining". */
  drain(): void;
}

/** Serves webhooks, health, metrics, the admin API and the console, on Redis clients of its own. */
export async function startHttp(options: {
  readonly env: Env;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly target: RedisTarget;
  readonly keys: KeySpace;
  readonly configs: readonly ConnectionConfig[];
  readonly connections: ConnectionRegistry;
  readonly now: () => number;
}): Promise<HttpSide> {
  const { env, log, metrics, keys, now } = options;
  warmParseWorker();
  const client = createRedis(options.target, 'http');
  const spoolRedis = createRedis(options.target, 'spool');
  // Both clients fail fast while disconnected; wait for their first connection so /readyz is true at once.
  await Promise.all([waitForReady(client, 5_000), waitForReady(spoolRedis, 5_000)]);
  const queueSet = createQueueSet(
    client,
    keys,
    options.configs.map((c) => c.id),
    log,
  );
  const queues = queueSet.all();
  const fileMapping = fileMappings(options.configs);
  const parts: HttpParts = {
    ...options,
    client,
    stores: createStores(client, keys, { now, mappingFallback: fileMapping }),
    spool: createWebhookSpool(spoolRedis, keys),
    fileMapping,
    queues,
    scheduler: createJobScheduler(queueSet.queue, {
      ingestWindowMs: env.INGEST_WINDOW_MS,
      writeBackWindowMs: env.WRITE_BACK_WINDOW_MS,
      now,
    }),
  };
  let draining = false;
  const streams = streamStatusReader(parts.stores.changeStreams, options.configs);
  const app = createApp({
    log,
    metrics,
    readiness: withStreamReadiness(redisReadiness(client, queues), streams),
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    draining: () => draining,
    queueDepths: async () => {
      await refreshStreamMetrics(metrics, streams);
      return Promise.all(
        queues.map(async (q) => ({
          queue: q.name,
          counts: await q.getJobCounts('wait', 'active', 'delayed', 'failed'),
        })),
      );
    },
    journals: journalReporterOf(parts),
    webhookRouter: webhookRouterOf(parts),
    whyRouter: whyRouterOf(parts),
    ...adminRoutersOf(parts),
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(env.PORT, env.HOST, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  return {
    server,
    clients: [client, spoolRedis],
    queues: queueSet,
    drain: () => {
      draining = true;
    },
  };
}
