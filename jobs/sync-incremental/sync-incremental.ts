import { defineJob } from '../../src/queue/job-definition.js';
import { JOBS, SyncIncrementalData } from '../../src/queue/job-names.js';
import type { JobDeps } from '../../src/queue/pipeline-deps.js';
import { syncPages } from './sync-pages.js';

const MAX_PAGES_PER_RUN = 200;
const LOCK_TTL_MS = 30_000;

/**
 * The safety net: lists every change (upserts, deletes, merges) of one object type since the durable
 * cursor, ingests it like a webhook would, and saves the cursor after each page. Whatever webhooks
 * missed, this repairs. One run per connection and object type at a time (a Redis lease); a run that
 * reaches its page budget schedules the next one instead of holding a worker.
 */
export const syncIncremental = defineJob({
  ...JOBS.syncIncremental,
  schema: SyncIncrementalData,
  async run({ connection, objectType }, deps: JobDeps, ctx) {
    const lock = await deps.cursors.lock(connection, objectType, LOCK_TTL_MS);
    if (lock === null) return { skipped: 'another sync of this object type is running' };
    // Renewed while this run lives, so a SIGKILLed worker stops the safety net for LOCK_TTL_MS, not longer.
    const renew = setInterval(() => void lock.extend().catch(() => undefined), LOCK_TTL_MS / 3);
    try {
      const result = await syncPages({
        deps,
        connection,
        objectType,
        checkpoint: objectType,
        signal: ctx.signal,
        log: ctx.log,
        maxPages: MAX_PAGES_PER_RUN,
        onPage: () => lock.extend(),
      });
      if (!result.complete) await deps.scheduler.syncNow(connection, objectType);
      return {
        pages: result.pages,
        records: result.records,
        changes: result.changes,
        cursor: result.cursor?.since ?? null,
      };
    } finally {
      clearInterval(renew);
      await lock.release();
    }
  },
});
