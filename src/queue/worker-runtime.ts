import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { RedisClient } from './redis.js';
import { CrmRateLimitError, PartnersyncError } from '../core/errors/index.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import type { AnyJobDefinition } from './job-definition.js';
import { queueErrorListener } from './redis-reconnect-noise.js';

export interface WorkerRuntimeOptions<Deps> {
  readonly definitions: readonly AnyJobDefinition<Deps>[];
  readonly deps: Deps;
  readonly connection: RedisClient;
  /** One BullMQ prefix per connection (its hash tag): each gets its own worker per queue. */
  readonly queuePrefixes: readonly string[];
  readonly concurrency: number;
  readonly log: Logger;
  readonly metrics?: Metrics;
}

export interface WorkerRuntime {
  readonly workers: readonly Worker[];
  /** Stops taking jobs, waits for in-flight ones up to `timeoutMs`, then aborts and force-closes. */
  close(timeoutMs: number): Promise<{ graceful: boolean }>;
}

/** One BullMQ worker per queue and connection, dispatching by job name to typed definitions. */
export function startWorkers<Deps>(options: WorkerRuntimeOptions<Deps>): WorkerRuntime {
  const byQueue = new Map<string, Map<string, AnyJobDefinition<Deps>>>();
  for (const def of options.definitions) {
    const jobs = byQueue.get(def.queue) ?? new Map<string, AnyJobDefinition<Deps>>();
    if (jobs.has(def.name)) throw new Error(`job ${def.name} is defined twice on queue ${def.queue}`);
    jobs.set(def.name, def);
    byQueue.set(def.queue, jobs);
  }
  const shutdown = new AbortController();
  const workers: Worker[] = [];
  for (const [queue, jobs] of byQueue) {
    for (const prefix of options.queuePrefixes) {
      const worker = new Worker(
        queue,
        (job: Job, token?: string, signal?: AbortSignal) =>
          runJob(job, token, jobs, options, AbortSignal.any([shutdown.signal, ...(signal ? [signal] : [])])),
        {
          connection: options.connection,
          prefix,
          concurrency: options.concurrency,
          autorun: true,
        },
      );
      worker.on('error', queueErrorListener(options.log, { queue, prefix }));
      workers.push(worker);
    }
  }
  return {
    workers,
    close: async (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      const graceful = await Promise.race([
        Promise.all(workers.map((w) => w.close())).then(() => true),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!graceful) {
        shutdown.abort(new Error('shutdown timeout'));
        await Promise.all(workers.map((w) => w.close(true)));
      }
      return { graceful };
    },
  };
}

async function runJob<Deps>(
  job: Job,
  token: string | undefined,
  jobs: ReadonlyMap<string, AnyJobDefinition<Deps>>,
  options: WorkerRuntimeOptions<Deps>,
  signal: AbortSignal,
): Promise<unknown> {
  const def = jobs.get(job.name);
  const queue = job.queueName;
  if (def === undefined) throw new UnrecoverableError(`no job named ${job.name} on queue ${queue}`);
  const log = options.log.child({ jobId: job.id, queue, job: job.name });
  const started = performance.now();
  const finish = (outcome: string): void => {
    options.metrics?.jobDuration.observe(
      { queue, job: job.name, outcome },
      (performance.now() - started) / 1000,
    );
    options.metrics?.jobsTotal.inc({ queue, job: job.name, outcome });
  };
  const parsed = def.schema.safeParse(job.data);
  if (!parsed.success) {
    finish('invalid');
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    log.error({ issues: parsed.error.issues.length }, 'invalid job data');
    throw new UnrecoverableError(`invalid job data: ${where}`);
  }
  try {
    const result = await def.run(parsed.data, options.deps, {
      log,
      signal,
      jobId: job.id ?? '',
      attemptsMade: job.attemptsMade,
    });
    finish('completed');
    // One line per job at debug level: which process ran what (tests count work per worker process).
    log.debug({ pid: process.pid, ms: Math.round(performance.now() - started) }, 'job completed');
    return result;
  } catch (err) {
    if (err instanceof CrmRateLimitError) {
      finish('rate_limited');
      log.warn(
        { retryAfterMs: err.retryAfterMs, policy: err.policy },
        'rate limited; job waits without spending an attempt',
      );
      // Delay this job only: a queue-wide pause would stall other connections' work (one bucket per connection).
      await job.moveToDelayed(Date.now() + err.retryAfterMs, token);
      throw new DelayedError();
    }
    if (err instanceof PartnersyncError && !err.retryable) {
      finish('failed');
      log.error({ err }, 'job failed permanently');
      throw new UnrecoverableError(`${err.code}: ${err.message}`);
    }
    finish('retry');
    log.warn({ err, attemptsMade: job.attemptsMade }, 'job failed; will retry');
    throw err;
  }
}
