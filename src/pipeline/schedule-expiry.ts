import type { Queue } from 'bullmq';
import { JOBS } from './job-names.js';
import type { ConnectionRegistry } from './pipeline-deps.js';

/** Daily at 00:05 UTC: just after a registration's last protected day (`expiresOn`) has ended. */
export const EXPIRY_PATTERN = '5 0 * * *';

/** One daily `expire-registrations` job scheduler per connection (BullMQ job schedulers are idempotent). */
export async function scheduleExpiry(
  connections: ConnectionRegistry,
  queues: (name: string) => Queue,
): Promise<void> {
  const queue = queues(JOBS.expireRegistrations.queue);
  for (const runtime of connections.list()) {
    await queue.upsertJobScheduler(
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
