import type { JobDeps } from '../../src/queue/pipeline-deps.js';

const LEASE = { ttlMs: 15_000, waitMs: 60_000 };

/**
 * Registration review and deal attribution read and change the same registrations and opportunities.
 * Run one of them at a time per connection, each reading the mirror inside the lease, so a decision made
 * from older data can never be enqueued after one made from newer data.
 */
export function withDecisionLease<T>(
  deps: Pick<JobDeps, 'leases'>,
  connection: string,
  fn: () => Promise<T>,
): Promise<T> {
  return deps.leases.run(connection, 'partner-decisions', LEASE, fn);
}
