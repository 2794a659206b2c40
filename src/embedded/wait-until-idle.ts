import { Queue } from 'bullmq';
import type { PipelineDeps } from '../queue/pipeline-deps.js';
import { QUEUE_NAMES } from '../queue/queue-names.js';

async function pendingWork(deps: PipelineDeps, queues: readonly Queue[]): Promise<Record<string, number>> {
  const pending: Record<string, number> = {};
  for (const q of queues) {
    const counts = await q.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'waiting-children');
    // The next run of a repeatable job (daily expiry, periodic sync) waits as a delayed job: not work.
    if ((counts['delayed'] ?? 0) > 0) {
      const delayed = await q.getDelayed(0, 1_000);
      counts['delayed'] = delayed.filter(
        (j) => j.repeatJobKey === undefined && !(j.id ?? '').startsWith('repeat:'),
      ).length;
    }
    for (const [state, n] of Object.entries(counts))
      if (n > 0) pending[`${q.name}.${state}`] = (pending[`${q.name}.${state}`] ?? 0) + n;
  }
  for (const runtime of deps.connections.list()) {
    const id = runtime.config.id;
    const sizes = {
      spool: await deps.spool.size(id),
      inbox: await deps.inbox.size(id),
      writeBack: await deps.writeBack.pendingCount(id),
    };
    for (const [what, n] of Object.entries(sizes)) if (n > 0) pending[`${id}.${what}`] = n;
  }
  return pending;
}

/**
 * Resolves when every queue is empty and no connection has spooled webhooks, inbox entries or pending
 * write-backs, three polls in a row (work schedules more work). Fails after `timeoutMs`, naming what is left.
 */
export async function waitUntilIdle(deps: PipelineDeps, timeoutMs: number, pollMs = 100): Promise<void> {
  const queues = deps.connections
    .list()
    .flatMap((runtime) =>
      QUEUE_NAMES.map(
        (name) =>
          new Queue(name, { connection: deps.redis, prefix: deps.keys.queuePrefix(runtime.config.id) }),
      ),
    );
  try {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    let last: Record<string, number> = {};
    while (Date.now() < deadline) {
      last = await pendingWork(deps, queues);
      quiet = Object.keys(last).length === 0 ? quiet + 1 : 0;
      if (quiet >= 3) return;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    throw new Error(
      `the pipeline did not go idle within ${timeoutMs} ms; still pending: ${JSON.stringify(last)}`,
    );
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}
