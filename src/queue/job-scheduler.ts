import type { JobsOptions } from 'bullmq';
import type { QueueLookup } from './queue-set.js';
import { safeJobId } from './job-definition.js';
import { JOBS } from './job-names.js';

export interface SchedulerOptions {
  /** Changes to one connection within this window are handled by one ingest job. */
  readonly ingestWindowMs: number;
  /** Write-back requests within this window go out in the same batches. */
  readonly writeBackWindowMs: number;
  readonly now: () => number;
}

/**
 * Coalescing by job id: every job for a connection within one time bucket has the same id, so BullMQ
 * keeps one (adding an existing id is a no-op) and that job drains everything that arrived.
 */
export interface JobScheduler {
  ingest(connectionId: string): Promise<void>;
  writeBack(connectionId: string): Promise<void>;
  /**
   * The incremental sync of one object type, now or `delayMs` from now. One job per due second: a
   * second request for the same second is the same job.
   */
  syncNow(connectionId: string, objectType: string, delayMs?: number): Promise<void>;
  detectDuplicates(connectionId: string, personIds: readonly string[]): Promise<void>;
  attributeDeals(connectionId: string, opportunityIds: readonly string[]): Promise<void>;
  reviewRegistrations(connectionId: string, registrationIds: readonly string[]): Promise<void>;
}

const RETRY: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500, jitter: 0.5 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
const CHUNK = 500;

export function createJobScheduler(queues: QueueLookup, options: SchedulerOptions): JobScheduler {
  // The job of a bucket is delayed to the bucket's end, so within its bucket it can only be waiting:
  // adding it again would be a no-op in Redis. Callers in the same bucket (every webhook request of a
  // burst) share the first call instead of each paying a BullMQ add; a failed call is forgotten.
  const scheduled = new Map<string, { bucket: number; added: Promise<void> }>();
  const bucketed = (
    job: { queue: string; name: string },
    connectionId: string,
    windowMs: number,
  ): Promise<void> => {
    const now = options.now();
    const bucket = Math.floor(now / windowMs);
    const key = `${job.name}\u0000${connectionId}`;
    const held = scheduled.get(key);
    if (held?.bucket === bucket) return held.added;
    const added = queues(job.queue, connectionId)
      .add(
        job.name,
        { connection: connectionId },
        {
          ...RETRY,
          jobId: safeJobId(job.name, connectionId, String(bucket)),
          delay: (bucket + 1) * windowMs - now,
        },
      )
      .then(
        () => undefined,
        (err: unknown) => {
          if (scheduled.get(key)?.added === added) scheduled.delete(key);
          throw err;
        },
      );
    scheduled.set(key, { bucket, added });
    return added;
  };
  const batches = async (
    job: { queue: string; name: string },
    connectionId: string,
    field: string,
    ids: readonly string[],
  ): Promise<void> => {
    const unique = [...new Set(ids)].sort();
    const jobs = [];
    for (let i = 0; i < unique.length; i += CHUNK) {
      jobs.push({
        name: job.name,
        data: { connection: connectionId, [field]: unique.slice(i, i + CHUNK) },
        opts: RETRY,
      });
    }
    if (jobs.length > 0) await queues(job.queue, connectionId).addBulk(jobs);
  };
  return {
    ingest: (c) => bucketed(JOBS.ingestEvents, c, options.ingestWindowMs),
    writeBack: (c) => bucketed(JOBS.writeBack, c, options.writeBackWindowMs),
    syncNow: async (c, objectType, delayMs = 0) => {
      const due = options.now() + Math.max(0, delayMs);
      await queues(JOBS.syncIncremental.queue, c).add(
        JOBS.syncIncremental.name,
        { connection: c, objectType },
        {
          ...RETRY,
          ...(delayMs > 0 ? { delay: delayMs } : {}),
          jobId: safeJobId('sync-now', c, objectType, String(Math.floor(due / 1000))),
        },
      );
    },
    detectDuplicates: (c, ids) => batches(JOBS.detectDuplicates, c, 'personIds', ids),
    attributeDeals: (c, ids) => batches(JOBS.attributeDeal, c, 'opportunityIds', ids),
    reviewRegistrations: (c, ids) => batches(JOBS.reviewRegistration, c, 'registrationIds', ids),
  };
}
