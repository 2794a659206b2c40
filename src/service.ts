import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RedisClient } from './queue/redis.js';
import type { ConnectionConfig } from '../connectors/connection-config.js';
import type { Env } from './core/env.js';
import type { Logger } from './core/logger.js';
import { createMetrics } from './core/metrics.js';
import { warmParseWorker } from './core/offload/parse-off-thread.js';
import { createApp } from './http/create-app.js';
import { createWebhookRouter } from './http/create-webhook-router.js';
import type { AdminDeps } from './http/admin/admin-deps.js';
import { ADMIN_ROUTES, createAdminRouter } from './http/admin/create-admin-router.js';
import { connectionStatusRoute } from './http/admin/get-connection-status.js';
import { getMappingDiff } from './http/admin/get-mapping-diff.js';
import { attributionReportRoute } from './http/admin/get-attribution-report.js';
import { attributionRecomputeRoute } from './http/admin/post-attribution-recompute.js';
import { getJobs, postJobRetry } from './http/admin/jobs-routes.js';
import { createConsoleRouter } from './http/console/create-console-router.js';
import { createSessionStore } from './http/console/session-store.js';
import { explainRoute } from './http/admin/get-explain.js';
import { getDuplicatesRoute } from './http/admin/get-duplicates.js';
import { postDuplicateConfirmRoute } from './http/admin/post-duplicate-confirm.js';
import { postDuplicateDismissRoute } from './http/admin/post-duplicate-dismiss.js';
import { fileMappings } from './admin/file-mappings.js';
import { redisReadiness } from './http/readiness.js';
import { webhookConnectionOf } from './pipeline/build-connections.js';
import { ownIdentities } from './pipeline/own-identities.js';
import { createJobScheduler } from './pipeline/job-scheduler.js';
import { createPipelineDeps } from './pipeline/create-pipeline-deps.js';
import { JOBS } from './pipeline/job-names.js';
import { mappingSources } from './pipeline/mapping-sources.js';
import { scheduleExpiry } from './pipeline/schedule-expiry.js';
import type { PipelineDeps } from './pipeline/pipeline-deps.js';
import type { AnyJobDefinition } from './queue/job-definition.js';
import { ensureRedis, type RedisEndpoint } from './queue/local-redis.js';
import { describeTarget, redisTargetOf, type RedisTarget } from './queue/redis-target.js';
import { createQueueSet, type QueueLookup, type QueueSet } from './queue/queue-set.js';
import { createRedis } from './queue/redis.js';
import { startWorkers, type WorkerRuntime } from './queue/worker-runtime.js';
import { createChangeInbox } from './store/change-inbox.js';
import { createMappingStore } from './store/mapping-store.js';
import { createWebhookSpool } from './store/webhook-spool.js';
import { createWriteBackStore } from './store/write-back-store.js';

export type ServiceMode = 'all' | 'http' | 'worker';

export interface StartServiceOptions {
  readonly env: Env;
  readonly log: Logger;
  readonly mode: ServiceMode;
  readonly connections: readonly ConnectionConfig[];
  readonly jobs: readonly AnyJobDefinition<PipelineDeps>[];
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

export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const { env, log, mode } = options;
  const now = options.now ?? Date.now;
  const endpoint: RedisEndpoint = await ensureRedis(redisTargetOf(env), {
    autostart: env.REDIS_AUTOSTART && env.NODE_ENV !== 'production',
  });
  if (endpoint.private) {
    log.warn(
      { redis: describeTarget(endpoint.target) },
      'REDIS_URL did not answer; started a private redis-server (data is not kept)',
    );
  } else log.info({ redis: describeTarget(endpoint.target) }, 'using Redis');

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
  const { keys } = deps;
  const schedulerOptions = {
    ingestWindowMs: env.INGEST_WINDOW_MS,
    writeBackWindowMs: env.WRITE_BACK_WINDOW_MS,
    now,
  };
  const fileMapping = fileMappings(options.connections);
  const mappingStoreOptions = { now, fallback: fileMapping };

  let server: Server | undefined;
  let draining = false;
  let httpRedis: RedisClient | undefined;
  let spoolRedis: RedisClient | undefined;
  let httpQueues: QueueSet | undefined;
  if (mode !== 'worker') {
    warmParseWorker();
    const client = createRedis(endpoint.target, 'http');
    httpRedis = client;
    spoolRedis = createRedis(endpoint.target, 'spool');
    // Both clients fail fast while disconnected; wait for their first connection so /readyz is true at once.
    await Promise.all([waitForReady(client, 5_000), waitForReady(spoolRedis, 5_000)]);
    httpQueues = createQueueSet(
      client,
      keys,
      options.connections.map((c) => c.id),
    );
    const queues = httpQueues.all();
    const webhookConnections = new Map(options.connections.map((c) => [c.id, webhookConnectionOf(c)]));
    const identities = ownIdentities(deps.connections, log);
    identities.warm();
    const httpScheduler = createJobScheduler(httpQueues.queue, schedulerOptions);
    const adminDeps: AdminDeps = {
      log: log.child({ component: 'admin' }),
      tokens: { adminToken: env.ADMIN_TOKEN, connections: options.connections },
      connections: deps.connections,
      mappings: createMappingStore(client, keys, mappingStoreOptions),
      writeBack: createWriteBackStore(client, keys, now),
      fileMapping,
      queues,
    };
    const reviewDeps = { redis: client, keys, scheduler: httpScheduler, now };
    const extraRoutes = [
      explainRoute({ redis: client, keys }),
      getDuplicatesRoute(reviewDeps),
      postDuplicateDismissRoute(reviewDeps),
      postDuplicateConfirmRoute(reviewDeps),
      connectionStatusRoute({ redis: client, keys, now }),
      attributionReportRoute({ redis: client, keys }),
      attributionRecomputeRoute({ redis: client, keys, scheduler: httpScheduler }),
      getMappingDiff,
      getJobs,
      postJobRetry,
    ];
    const app = createApp({
      log,
      metrics,
      readiness: redisReadiness(client, queues),
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      draining: () => draining,
      queueDepths: async () =>
        Promise.all(
          queues.map(async (q) => ({
            queue: q.name,
            counts: await q.getJobCounts('wait', 'active', 'delayed', 'failed'),
          })),
        ),
      webhookRouter: createWebhookRouter({
        lookup: (id) => {
          const connection = webhookConnections.get(id);
          return connection === undefined ? undefined : identities.withIdentity(connection);
        },
        inbox: createChangeInbox(client, keys),
        spool: createWebhookSpool(spoolRedis, keys),
        scheduleIngest: (id) => httpScheduler.ingest(id),
        scheduleResync: async (id, types) => {
          await Promise.all(types.map((t) => httpScheduler.syncNow(id, t)));
        },
        publicBaseUrl: env.PUBLIC_BASE_URL,
        now,
        log,
        metrics,
      }),
      adminRouter: createAdminRouter(adminDeps, { extraRoutes, bodyLimitBytes: env.BODY_LIMIT_BYTES }),
      consoleRouter: createConsoleRouter({
        admin: adminDeps,
        routes: [...ADMIN_ROUTES, ...extraRoutes],
        sessions: createSessionStore(client, keys),
      }),
    });
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(env.PORT, env.HOST, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
  }

  let workers: WorkerRuntime | undefined;
  if (mode !== 'http') {
    workers = startWorkers({
      definitions: options.jobs,
      deps,
      connection: workerRedis,
      queuePrefixes: options.connections.map((c) => keys.queuePrefix(c.id)),
      concurrency: env.WORKER_CONCURRENCY,
      log,
      metrics,
    });
    if (env.SYNC_INTERVAL_MS > 0) await scheduleSyncs(deps, pipeline.queue, env.SYNC_INTERVAL_MS);
    await scheduleExpiry(deps.connections, pipeline.queue);
  }

  const address = server?.address() as AddressInfo | null | undefined;
  const url = address
    ? `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`
    : undefined;
  log.info(
    { mode, url, jobs: options.jobs.length, connections: options.connections.length },
    'partnersync started',
  );

  let closing: Promise<{ graceful: boolean }> | undefined;
  const close = async (): Promise<{ graceful: boolean }> => {
    // One deadline for the whole stop: HTTP drain first, then the workers get what is left.
    const deadline = Date.now() + env.SHUTDOWN_TIMEOUT_MS;
    let httpGraceful = true;
    if (server !== undefined) {
      const s = server;
      draining = true;
      // Stop accepting; idle keep-alive sockets close now, busy ones after their response (which says
      // `Connection: close`); whatever is still open at the deadline is cut.
      const stopped = new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const cut = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          httpGraceful = false;
          s.closeAllConnections();
          resolve();
        }, env.SHUTDOWN_TIMEOUT_MS);
      });
      await Promise.race([stopped, cut]);
      clearTimeout(timer);
    }
    const left = Math.max(0, deadline - Date.now());
    const stoppedWorkers = workers ? await workers.close(left) : { graceful: true };
    const result = { graceful: httpGraceful && stoppedWorkers.graceful };
    await Promise.all([pipeline.close(), httpQueues?.close()]);
    await Promise.all(
      [workerRedis, httpRedis, spoolRedis].map(async (client) => {
        await client?.quit().catch(() => undefined);
      }),
    );
    await endpoint.stop();
    log.info({ graceful: result.graceful }, 'partnersync stopped');
    return result;
  };
  return { url, redis: endpoint.target, deps, close: () => (closing ??= close()) };
}

/** One repeatable incremental sync per connection and mapped object type (BullMQ job schedulers are idempotent). */
async function scheduleSyncs(deps: PipelineDeps, queues: QueueLookup, everyMs: number): Promise<void> {
  for (const runtime of deps.connections.list()) {
    const queue = queues(JOBS.syncIncremental.queue, runtime.config.id);
    for (const objectType of mappingSources(await runtime.mapping())) {
      await queue.upsertJobScheduler(
        `sync.${runtime.config.id}.${objectType}`,
        { every: everyMs },
        {
          name: JOBS.syncIncremental.name,
          data: { connection: runtime.config.id, objectType },
          opts: { attempts: 3 },
        },
      );
    }
  }
}

async function waitForReady(client: RedisClient, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
    function done(): void {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    }
  });
}
