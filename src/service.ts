import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Env } from './core/env.js';
import type { Logger } from './core/logger.js';
import { createMetrics, type Metrics } from './core/metrics.js';
import { createApp } from './http/create-app.js';
import { redisReadiness } from './http/readiness.js';
import type { AnyJobDefinition } from './queue/job-definition.js';
import { ensureRedis, redactUrl, type RedisEndpoint } from './queue/local-redis.js';
import { QUEUE_NAMES } from './queue/queue-names.js';
import { createRedis } from './queue/redis.js';
import { startWorkers, type WorkerRuntime } from './queue/worker-runtime.js';
import { createKeySpace, type KeySpace } from './store/keys.js';

export type ServiceMode = 'all' | 'http' | 'worker';

export interface ServiceDeps {
  readonly env: Env;
  readonly log: Logger;
  readonly keys: KeySpace;
  readonly metrics: Metrics;
  readonly redis: Redis;
}

export interface StartServiceOptions {
  readonly env: Env;
  readonly log: Logger;
  readonly mode: ServiceMode;
  readonly jobs: readonly AnyJobDefinition<ServiceDeps>[];
}

export interface RunningService {
  /** Base URL of the HTTP server when this process serves HTTP. */
  readonly url: string | undefined;
  readonly redisUrl: string;
  readonly deps: ServiceDeps;
  /** Graceful stop: stop accepting HTTP, let in-flight jobs finish (bounded), close Redis. */
  close(): Promise<{ graceful: boolean }>;
}

export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const { env, log, mode } = options;
  const endpoint: RedisEndpoint = await ensureRedis(env.REDIS_URL, {
    autostart: env.REDIS_AUTOSTART && env.NODE_ENV !== 'production',
  });
  if (endpoint.private)
    log.warn(
      { redisUrl: endpoint.url },
      'REDIS_URL did not answer; started a private redis-server (data is not kept)',
    );
  else log.info({ redisUrl: redactUrl(endpoint.url) }, 'using Redis');

  const keys = createKeySpace(env.REDIS_PREFIX);
  const metrics = createMetrics();
  const workerRedis = createRedis(endpoint.url, 'worker');
  const deps: ServiceDeps = { env, log, keys, metrics, redis: workerRedis };

  let server: Server | undefined;
  let httpRedis: Redis | undefined;
  const queues: Queue[] = [];
  if (mode !== 'worker') {
    const client = createRedis(endpoint.url, 'http');
    httpRedis = client;
    // The HTTP client fails fast while disconnected; wait for its first connection so /readyz is true at once.
    await waitForReady(client, 5_000);
    for (const name of QUEUE_NAMES)
      queues.push(new Queue(name, { connection: client, prefix: keys.queuePrefix }));
    const app = createApp({
      log,
      metrics,
      readiness: redisReadiness(client, queues),
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      queueDepths: async () =>
        Promise.all(
          queues.map(async (q) => ({
            queue: q.name,
            counts: await q.getJobCounts('wait', 'active', 'delayed', 'failed'),
          })),
        ),
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
      queuePrefix: keys.queuePrefix,
      concurrency: env.WORKER_CONCURRENCY,
      log,
      metrics,
    });
  }

  const address = server?.address() as AddressInfo | null | undefined;
  const url = address
    ? `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`
    : undefined;
  log.info({ mode, url, jobs: options.jobs.length }, 'partnersync started');

  let closing: Promise<{ graceful: boolean }> | undefined;
  const close = async (): Promise<{ graceful: boolean }> => {
    if (server !== undefined) {
      const s = server;
      const stopped = new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeIdleConnections();
      await stopped;
    }
    const result = workers ? await workers.close(env.SHUTDOWN_TIMEOUT_MS) : { graceful: true };
    await Promise.all(queues.map((q) => q.close()));
    await Promise.all([workerRedis.quit().catch(() => undefined), httpRedis?.quit().catch(() => undefined)]);
    await endpoint.stop();
    log.info({ graceful: result.graceful }, 'partnersync stopped');
    return result;
  };
  return {
    url,
    redisUrl: endpoint.url,
    deps,
    close: () => (closing ??= close()),
  };
}

async function waitForReady(client: Redis, timeoutMs: number): Promise<void> {
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
