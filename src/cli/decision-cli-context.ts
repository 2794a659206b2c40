import type { Queue } from 'bullmq';
import { createQueueSet } from '../queue/queue-set.js';
import type { Mapping } from '../../mappings/schema.js';
import { loadConnections } from '../config/load-connections.js';
import { selectConnection } from '../config/select-connection.js';
import { createLogger } from '../core/logger.js';
import { buildConnections } from '../queue/build-connections.js';
import { createJobScheduler, type JobScheduler } from '../queue/job-scheduler.js';
import { ensureRedis } from '../queue/local-redis.js';
import { createRedis } from '../queue/redis.js';
import { redisTargetOf } from '../queue/redis-target.js';
import { createKeySpace } from '../store/keys.js';
import { createStores, type Stores } from '../store/stores.js';
import { cliRetry } from './cli-retry.js';
import { loadEnvOrExit } from './load-env-or-exit.js';

export interface DecisionCliContext extends Stores {
  readonly connectionId: string;
  readonly mapping: Mapping;
  readonly scheduler: JobScheduler;
  /** Adds a job to one of the service's queues (the running workers pick it up). */
  queue(name: string): Queue;
  close(): Promise<void>;
}

/** Opens what the attribution and registration commands use: Redis (never a private one), one connection. */
export async function openDecisionContext(connectionId: string): Promise<DecisionCliContext> {
  const env = loadEnvOrExit();
  const log = createLogger({ level: env.LOG_LEVEL });
  const configs = [selectConnection(loadConnections(env), connectionId)];
  const endpoint = await ensureRedis(redisTargetOf(env), { autostart: false });
  const redis = createRedis(endpoint.target, 'worker');
  const keys = createKeySpace(env.REDIS_PREFIX);
  const runtime = buildConnections(configs, { redis, keys, log, retry: cliRetry() }).get(connectionId);
  if (runtime === undefined) throw new Error(`connection ${connectionId} could not be built`);
  const queueSet = createQueueSet(redis, keys, []);
  return {
    connectionId,
    mapping: await runtime.mapping(),
    ...createStores(redis, keys, { now: Date.now }),
    scheduler: createJobScheduler(queueSet.queue, {
      ingestWindowMs: env.INGEST_WINDOW_MS,
      writeBackWindowMs: env.WRITE_BACK_WINDOW_MS,
      now: Date.now,
    }),
    queue: (name: string): Queue => queueSet.queue(name, connectionId),
    async close() {
      await queueSet.close();
      await redis.quit();
      await endpoint.stop();
    },
  };
}
