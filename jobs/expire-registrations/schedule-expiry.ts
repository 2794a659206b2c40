import type { QueueLookup } from '../../src/queue/queue-set.js';
import { JOBS } from '../../src/queue/job-names.js';
import type { ConnectionRegistry } from '../../src/queue/pipeline-deps.js';

/** Daily at 00:05 UTC: just after a registration's last protected day (`expiresOn`) has ended. */
export const EXPIRY_PATTERN = '5 0 * * *';

/** One daily `expire-registrations` job scheduler per connection (BullMQ job schedulers are idempotent). */
export async function scheduleExpiry(connections: ConnectionRegistry, queues: QueueLookup): Promise<void> {
  for (const runtime of connections.list()) {
    await queues(JOBS.expireRegistrations.queue, runtime.config.id).upsertJobScheduler(
      `expire.${runtime.config.id}`,
      { pattern: EXPIRY_PATTERN, tz: 'UTC' },
      {
        name: JOBS.expireRegistrations.name,
        data: { connection: runtime.config.id },
        opts: { attempts: 3 },
      },
    );
  }
}
