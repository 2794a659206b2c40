import type { ChangeCursor } from '../connectors/port.js';
import { defineJob } from '../src/queue/job-definition.js';
import { fanOut } from '../src/pipeline/fan-out.js';
import { ingestRecords } from '../src/pipeline/ingest-records.js';
import { removedPersonIds } from '../src/pipeline/removed-person-ids.js';
import { JOBS, SyncIncrementalData } from '../src/pipeline/job-names.js';
import { requireConnection, type PipelineDeps } from '../src/pipeline/pipeline-deps.js';
import { createCursorStore } from '../src/store/cursor-store.js';

const MAX_PAGES_PER_RUN = 200;

/**
 * The safety net: lists every change (upserts, deletes, merges) of one object type since the durable
 * cursor, ingests it like a webhook would, and saves the cursor after each page. Whatever webhooks
 * missed, this repairs. One run per connection and object type at a time (a Redis lock).
 */
export const syncIncremental = defineJob({
  ...JOBS.syncIncremental,
  schema: SyncIncrementalData,
  async run({ connection, objectType }, deps: PipelineDeps, ctx) {
    const runtime = requireConnection(deps, connection);
    const cursors = createCursorStore(deps.redis, deps.keys);
    const lock = await cursors.lock(connection, objectType, 10 * 60_000);
    if (lock === null) return { skipped: 'another sync of this object type is running' };
    try {
      const mapping = await runtime.mapping();
      let cursor: ChangeCursor | null = await cursors.get(connection, objectType);
      let pages = 0;
      let records = 0;
      let changes = 0;
      for await (const page of runtime.connector.listChanges(objectType, cursor, { signal: ctx.signal })) {
        const mergedAway = page.merges.flatMap((m) => m.mergedIds);
        const result = await ingestRecords({
          connectionId: connection,
          objectType,
          records: page.records,
          goneIds: mergedAway,
          mapping,
          mirror: deps.mirror,
          relations: deps,
          log: ctx.log,
        });
        await fanOut(deps.scheduler, connection, result.changes);
        await deps.scheduler.detectDuplicates(connection, removedPersonIds(result.changes));
        await cursors.set(connection, objectType, page.cursor);
        cursor = page.cursor;
        pages += 1;
        records += page.records.length;
        changes += result.changes.length;
        await lock.extend();
        if (pages >= MAX_PAGES_PER_RUN) {
          await deps.scheduler.syncNow(connection, objectType);
          break;
        }
      }
      return { pages, records, changes, cursor: cursor?.since ?? null };
    } finally {
      await lock.release();
    }
  },
});
