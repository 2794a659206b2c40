import { Option, type Command } from 'commander';
import { type Job, Queue } from 'bullmq';
import type { RedisClient } from '../queue/redis.js';
import { QUEUE_NAMES, type QueueName } from '../queue/queue-names.js';
import { createKeySpace } from '../store/keys.js';
import { loadConnections } from '../config/load-connections.js';
import { withCliRedis } from './cli-redis.js';
import { processIo, type CommandIo } from './command-io.js';
import { loadEnvOrExit } from './load-env-or-exit.js';

export type JobsCommandIo = CommandIo;

/** The named queues of every configured connection (each connection's queues live under its hash tag). */
async function withQueues<T>(names: readonly QueueName[], fn: (queues: Queue[]) => Promise<T>): Promise<T> {
  const env = loadEnvOrExit();
  const keys = createKeySpace(env.REDIS_PREFIX);
  const connectionIds = loadConnections(env).map((c) => c.id);
  return withCliRedis(env, async (redis: RedisClient) => {
    const queues = connectionIds.flatMap((id) =>
      names.map((name) => new Queue(name, { connection: redis, prefix: keys.queuePrefix(id) })),
    );
    try {
      return await fn(queues);
    } finally {
      await Promise.all(queues.map((q) => q.close()));
    }
  });
}

function failedLine(queue: string, job: Job): string {
  const at = job.finishedOn === undefined ? '-' : new Date(job.finishedOn).toISOString();
  const reason = (job.failedReason || '').split('\n')[0] ?? '';
  return [queue, job.id ?? '-', job.name, `attempts=${job.attemptsMade}`, at, reason].join('  ');
}

const queueOption = (): Option =>
  new Option('--queue <name>', 'only this queue (default: all)').choices([...QUEUE_NAMES]);

/** `partnersync jobs failed` and `partnersync jobs retry`: failed BullMQ jobs, listed and re-run. */
export function registerJobsCommand(program: Command, io: JobsCommandIo = processIo): Command {
  const jobs = program.command('jobs').description('inspect and re-run failed jobs');
  jobs
    .command('failed')
    .description('list failed jobs, newest first: queue, id, name, attempts, failed at, reason')
    .addOption(queueOption())
    .option('--limit <n>', 'most jobs per queue', '20')
    .action(async (opts: { queue?: QueueName; limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        io.err('--limit must be a positive integer');
        io.setExitCode(64);
        return;
      }
      await withQueues(opts.queue === undefined ? QUEUE_NAMES : [opts.queue], async (queues) => {
        let total = 0;
        for (const queue of queues) {
          const failed = await queue.getFailed(0, limit - 1);
          total += failed.length;
          for (const job of failed) io.out(failedLine(queue.name, job));
        }
        if (total === 0) io.out('no failed jobs');
      });
    });
  jobs
    .command('retry')
    .description('move failed jobs back to waiting: one by --id, or every failed job with --all')
    .addOption(queueOption())
    .addOption(new Option('--id <jobId>', 'the failed job to retry').conflicts('all'))
    .addOption(new Option('--all', 'every failed job (of --queue, or of every queue)'))
    .action(async (opts: { queue?: QueueName; id?: string; all?: boolean }) => {
      if (opts.id === undefined && opts.all !== true) {
        io.err('give --id <jobId> or --all');
        io.setExitCode(64);
        return;
      }
      await withQueues(opts.queue === undefined ? QUEUE_NAMES : [opts.queue], async (queues) => {
        if (opts.id !== undefined) {
          for (const queue of queues) {
            const job = await queue.getJob(opts.id);
            if (job === undefined || !(await job.isFailed())) continue;
            await job.retry('failed');
            io.out(`retried ${queue.name} ${opts.id}`);
            return;
          }
          io.err(`no failed job ${opts.id}${opts.queue === undefined ? '' : ` in ${opts.queue}`}`);
          io.setExitCode(1);
          return;
        }
        for (const queue of queues) {
          const count = await queue.getFailedCount();
          if (count === 0) continue;
          await queue.retryJobs({ state: 'failed', count: 1000 });
          io.out(`retried ${count} failed job(s) in ${queue.name}`);
        }
      });
    });
  return jobs;
}
