import { z } from 'zod';
import { AdminNotFoundError } from '../../core/errors/index.js';
import { defineAdminRoute } from './admin-route.js';
import { NoParams } from './admin-schemas.js';

export const JobsOverview = z.object({
  queues: z.array(
    z.object({
      queue: z.string(),
      counts: z.record(z.string(), z.number()),
      failed: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          attempts: z.number(),
          failedAt: z.string().nullable(),
          reason: z.string(),
        }),
      ),
    }),
  ),
});

/** GET /admin/jobs — queue depths and the newest failed jobs of every queue (as `jobs failed`). */
export const getJobs = defineAdminRoute({
  method: 'get',
  path: '/jobs',
  summary: 'Queue depths and the newest failed jobs of each queue',
  scope: 'all',
  params: NoParams,
  query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
  response: JobsOverview,
  errors: [],
  async handle({ query }, deps) {
    const queues = await Promise.all(
      deps.queues.map(async (q) => {
        const [counts, failed] = await Promise.all([
          q.getJobCounts('wait', 'active', 'delayed', 'failed'),
          q.getFailed(0, query.limit - 1),
        ]);
        return {
          queue: q.name,
          counts,
          failed: failed.map((job) => ({
            id: job.id ?? '',
            name: job.name,
            attempts: job.attemptsMade,
            failedAt: job.finishedOn === undefined ? null : new Date(job.finishedOn).toISOString(),
            reason: (job.failedReason || '').split('\n')[0] ?? '',
          })),
        };
      }),
    );
    return { queues };
  },
});

/** POST /admin/jobs/:queue/:jobId/retry — moves one failed job back to waiting (as `jobs retry --id`). */
export const postJobRetry = defineAdminRoute({
  method: 'post',
  path: '/jobs/:queue/:jobId/retry',
  summary: 'Retry one failed job',
  scope: 'all',
  params: z.object({ queue: z.string().min(1), jobId: z.string().min(1) }),
  query: z.object({}),
  response: z.object({ retried: z.object({ queue: z.string(), id: z.string() }) }),
  errors: [404],
  async handle({ params, actor }, deps) {
    const queue = deps.queues.find((q) => q.name === params.queue);
    const job = queue === undefined ? undefined : await queue.getJob(params.jobId);
    if (queue === undefined || job === undefined || !(await job.isFailed()))
      throw new AdminNotFoundError(`no failed job ${params.jobId} in queue ${params.queue}`);
    await job.retry('failed');
    deps.log.info({ queue: params.queue, job: params.jobId, actor: actor.identity }, 'failed job retried');
    return { retried: { queue: params.queue, id: params.jobId } };
  },
});
