import { mappingSources } from '../ingest/mapping-sources.js';
import { JOBS } from '../queue/job-names.js';
import type { ConnectionRegistry } from '../queue/pipeline-deps.js';
import type { QueueLookup } from '../queue/queue-set.js';

/** One repeatable incremental sync per connection and mapped object type (BullMQ job schedulers are idempotent). */
export async function scheduleSyncs(
  connections: ConnectionRegistry,
  queues: QueueLookup,
  everyMs: number,
): Promise<void> {
  for (const runtime of connections.list()) {
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
