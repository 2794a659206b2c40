import { defineJob } from '../../src/queue/job-definition.js';
import { JOBS, WriteBackData } from '../../src/queue/job-names.js';
import { requireConnection, type JobDeps } from '../../src/queue/pipeline-deps.js';
import { drainWrites } from './drain-writes.js';

/**
 * One write-back run per connection at a time, across every worker process: two runs would `take` the
 * same pending requests and send the same values twice. Renewed while held.
 */
const LEASE = { ttlMs: 15_000, waitMs: 120_000, pollMs: 50 };

/**
 * Writes decisions back to the CRM: coalesced per record, no-ops skipped against what we last wrote,
 * batched to the vendor maximum by the connector (Salesforce 200, HubSpot 100), inside the connection's
 * shared rate budget. One record's failure is that record's failure: per-record rejections (a refused
 * value, or a refused association of a record whose fields were written) are recorded for admins,
 * counted and logged, and parked until a new value arrives; per-record transient failures stay pending
 * and the job retries them. A 429 delays this connection's job only.
 */
export const writeBack = defineJob({
  ...JOBS.writeBack,
  schema: WriteBackData,
  async run({ connection }, deps: JobDeps, ctx) {
    const runtime = requireConnection(deps, connection);
    const run = { connection, runtime, deps, signal: ctx.signal, log: ctx.log };
    return deps.leases.run(connection, 'write-back', LEASE, () => drainWrites(run));
  },
});
