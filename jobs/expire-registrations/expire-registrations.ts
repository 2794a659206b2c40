import { expireAll } from './expire-all.js';
import { ExpireRegistrationsData, JOBS } from '../../src/queue/job-names.js';
import { requireConnection, type JobDeps } from '../../src/queue/pipeline-deps.js';
import { defineJob } from '../../src/queue/job-definition.js';

/** Daily per connection (a BullMQ job scheduler, see src/service.ts) and on demand from the CLI. */
export const expireRegistrationsJob = defineJob({
  ...JOBS.expireRegistrations,
  schema: ExpireRegistrationsData,
  async run({ connection }, deps: JobDeps, ctx) {
    const runtime = requireConnection(deps, connection);
    const { expired, issues } = await expireAll(deps, connection, {
      mapping: await runtime.mapping(),
      now: new Date(deps.now()).toISOString(),
      apply: true,
    });
    if (issues.length > 0) ctx.log.warn({ issues }, 'some expiry writes are not mapped');
    if (expired.length > 0) await deps.scheduler.writeBack(connection);
    return { expired: expired.length };
  },
});
