import type { ConnectionConfig } from '../connectors/connection-config.js';
import { scheduleExpiry } from '../jobs/expire-registrations/schedule-expiry.js';
import type { Env } from './core/env.js';
import type { Logger } from './core/logger.js';
import { createMetrics } from './core/metrics.js';
import { createPipelineDeps, type PipelineRuntime } from './queue/create-pipeline-deps.js';
import type { AnyJobDefinition } from './queue/job-definition.js';
import type { RedisEndpoint } from './queue/local-redis.js';
import type { JobDeps, PipelineDeps } from './queue/pipeline-deps.js';
import { createRedis, type RedisClient } from './queue/redis.js';
import type { RedisTarget } from './queue/redis-target.js';
import { startWorkers, type WorkerRuntime } from './queue/worker-runtime.js';
import { startChangeStreams, type ChangeStreams } from './ingest/change-streams/start-change-streams.js';
import { closeServer, urlOf } from './service/close-server.js';
import { openRedis } from './service/open-redis.js';
import { scheduleSyncs } from './service/schedule-syncs.js';
import { startJournalConsumers, type JournalConsumers } from './service/start-journal-consumers.js';
import { startHttp, type HttpSide } from './service/start-http.js';

export type ServiceMode = 'all' | 'http' | 'worker';

export interface StartServiceOptions {
  readonly env: Env;
  readonly log: Logger;
  readonly mode: ServiceMode;
  readonly connections: readonly ConnectionConfig[];
  readonly jobs: readonly AnyJobDefinition<JobDeps>[];
  readonly now?: () => number;
}

export interface RunningService {
  /** Base URL of the HTTP server when this process serves HTTP. */
  readonly url: string | undefined;
  /** The Redis or Redis Cluster this process uses (a private one when it started it). */
  readonly redis: RedisTarget;
  readonly deps: PipelineDeps;
  /** Graceful stop: stop accepting HTTP, let in-flight jobs finish (bounded), close Redis. */
  close(): Promise<{ graceful: boolean }>;
}

/** Redis, then the stores and connections, then HTTP and/or the workers, as the mode asks. */
export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const { env, log, mode } = options;
  const now = options.now ?? Date.now;
  const endpoint = await openRedis(env, log);
  const metrics = createMetrics();
  const workerRedis = createRedis(endpoint.target, 'worker');
  const pipeline = createPipelineDeps({
    env,
    connections: options.connections,
    redis: workerRedis,
    log,
    now,
    metrics,
  });
  const { deps } = pipeline;
  const http =
    mode === 'worker'
      ? undefined
      : await startHttp({
          env,
          log,
          metrics,
          target: endpoint.target,
          keys: deps.keys,
          configs: options.connections,
          connections: deps.connections,
          now,
        });
  const workers = mode === 'http' ? undefined : await startJobs(options, pipeline, workerRedis);
  const journals = mode === 'http' ? undefined : startJournalConsumers(deps, env, log);
  // Salesforce changes over the Pub/Sub API are read where the jobs run (one reader per connection).
  const streams = mode === 'http' ? undefined : startChangeStreams(deps, { log });
  const url = urlOf(http?.server);
  log.info(
    { mode, url, jobs: options.jobs.length, connections: options.connections.length },
    'partnersync started',
  );
  let closing: Promise<{ graceful: boolean }> | undefined;
  const stop = {
    env,
    log,
    endpoint,
    pipeline,
    http,
    workers,
    journals,
    streams,
    clients: [workerRedis],
  };
  return { url, redis: endpoint.target, deps, close: () => (closing ??= stopService(stop)) };
}

/** The workers of every job, the periodic syncs and the daily expiry. */
async function startJobs(
  options: StartServiceOptions,
  pipeline: PipelineRuntime,
  workerRedis: RedisClient,
): Promise<WorkerRuntime> {
  const { env, log } = options;
  const { deps } = pipeline;
  const workers = startWorkers({
    definitions: options.jobs,
    deps: pipeline.jobDeps,
    connection: workerRedis,
    queuePrefixes: options.connections.map((c) => deps.keys.queuePrefix(c.id)),
    concurrency: env.WORKER_CONCURRENCY,
    log,
    metrics: deps.metrics,
  });
  if (env.SYNC_INTERVAL_MS > 0) await scheduleSyncs(deps.connections, pipeline.queue, env.SYNC_INTERVAL_MS);
  await scheduleExpiry(deps.connections, pipeline.queue);
  return workers;
}

/** One deadline for the whole stop: HTTP drain first, then the workers get what is left. */
async function stopService(stop: {
  readonly env: Env;
  readonly log: Logger;
  readonly endpoint: RedisEndpoint;
  readonly pipeline: PipelineRuntime;
  readonly http: HttpSide | undefined;
  readonly workers: WorkerRuntime | undefined;
  readonly journals: JournalConsumers | undefined;
  readonly streams: ChangeStreams | undefined;
  readonly clients: readonly RedisClient[];
}): Promise<{ graceful: boolean }> {
  const { env, http, workers } = stop;
  await stop.streams?.stop();
  const deadline = Date.now() + env.SHUTDOWN_TIMEOUT_MS;
  let httpGraceful = true;
  if (http !== undefined) {
    http.drain();
    httpGraceful = await closeServer(http.server, env.SHUTDOWN_TIMEOUT_MS);
  }
  await stop.journals?.close();
  const left = Math.max(0, deadline - Date.now());
  const stoppedWorkers = workers ? await workers.close(left) : { graceful: true };
  const result = { graceful: httpGraceful && stoppedWorkers.graceful };
  await Promise.all([stop.pipeline.close(), http?.queues.close()]);
  await Promise.all(
    [...stop.clients, ...(http?.clients ?? [])].map(async (client) => {
      await client.quit().catch(() => undefined);
    }),
  );
  await stop.endpoint.stop();
  stop.log.info({ graceful: result.graceful }, 'partnersync stopped');
  return result;
}
