import { Queue } from 'bullmq';
import type { PipelineDeps } from '../../src/queue/pipeline-deps.js';

/** Queues whose every job is decision or write work (crm-events also holds the periodic syncs). */
const WORK_QUEUES = ['dedupe', 'attribution', 'registration', 'write-back'] as const;
const isScheduled = (id: string | undefined): boolean => id?.startsWith('repeat:') === true;

async function pending(deps: PipelineDeps, queues: readonly Queue[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const q of queues) {
    const counts = await q.getJobCounts('wait', 'active', 'prioritized', 'waiting-children');
    for (const [state, n] of Object.entries(counts))
      if (n > 0) out[`${q.name}.${state}`] = (out[`${q.name}.${state}`] ?? 0) + n;
    const delayed = (await q.getDelayed()).filter((j) => !isScheduled(j.id)).length;
    if (delayed > 0) out[`${q.name}.delayed`] = (out[`${q.name}.delayed`] ?? 0) + delayed;
  }
  for (const runtime of deps.connections.list()) {
    const id = runtime.config.id;
    const sizes = {
      spool: await deps.spool.size(id),
      inbox: await deps.inbox.size(id),
      writeBack: await deps.writeBack.pendingCount(id),
    };
    for (const [what, n] of Object.entries(sizes)) if (n > 0) out[`${id}.${what}`] = n;
  }
  return out;
}

/** The ingest and sync queue of each connection, for the failure message: its counts and active jobs. */
async function crmEvents(deps: PipelineDeps): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const runtime of deps.connections.list()) {
    const q = new Queue('crm-events', {
      connection: deps.redis,
      prefix: deps.keys.queuePrefix(runtime.config.id),
    });
    try {
      const counts = await q.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'failed');
      const active = (await q.getActive()).map((j) => ({
        id: j.id,
        name: j.name,
        ageMs: Date.now() - (j.processedOn ?? Date.now()),
        attempts: j.attemptsMade,
      }));
      const failed = (await q.getFailed(0, 3)).map((j) => ({ id: j.id, reason: j.failedReason }));
      out.push({ connection: runtime.config.id, counts, active, failed });
    } finally {
      await q.close();
    }
  }
  return out;
}

/**
 * Like `waitUntilIdle`, for a service whose periodic syncs never stop: resolves once no webhook is
 * spooled, no record waits for ingest, no decision or write-back job is queued and no write-back is
 * pending, continuously for `quietMs` (longer than a sync period, so the safety net found nothing new
 * either). Fails after `timeoutMs`, naming what is left.
 */
export async function waitForQuiet(deps: PipelineDeps, quietMs: number, timeoutMs: number): Promise<void> {
  const queues = deps.connections
    .list()
    .flatMap((runtime) =>
      WORK_QUEUES.map(
        (name) =>
          new Queue(name, { connection: deps.redis, prefix: deps.keys.queuePrefix(runtime.config.id) }),
      ),
    );
  try {
    const deadline = Date.now() + timeoutMs;
    let quietSince: number | null = null;
    let last: Record<string, number> = {};
    while (Date.now() < deadline) {
      last = await pending(deps, queues);
      if (Object.keys(last).length > 0) quietSince = null;
      else if (quietSince === null) quietSince = Date.now();
      else if (Date.now() - quietSince >= quietMs) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(
      `the pipeline did not go quiet within ${timeoutMs} ms; still pending: ${JSON.stringify(last)}; crm-events: ${JSON.stringify(await crmEvents(deps))}`,
    );
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}
