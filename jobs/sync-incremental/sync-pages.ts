import type { ChangeCursor } from '../../connectors/port.js';
import type { Logger } from '../../src/core/logger.js';
import { ingestAndFanOut } from '../../src/ingest/ingest-and-fan-out.js';
import { requireConnection, type JobDeps } from '../../src/queue/pipeline-deps.js';

export interface SyncProgress {
  readonly pages: number;
  readonly records: number;
  readonly changes: number;
  readonly cursor: ChangeCursor | null;
}

/**
 * Lists an object type's changes from a durable checkpoint and ingests them page by page: mirror,
 * relations, decision fan-out, then the checkpoint — so an interrupted run resumes where it stopped and
 * never skips a change (a page may be processed twice; everything downstream is idempotent).
 * `checkpoint` names the cursor: the incremental sync's own, or a separate one for a backfill.
 */
export async function syncPages(options: {
  readonly deps: JobDeps;
  readonly connection: string;
  readonly objectType: string;
  readonly checkpoint: string;
  readonly signal: AbortSignal;
  readonly log: Logger;
  readonly maxPages?: number;
  readonly onPage?: (progress: SyncProgress) => void | Promise<void>;
}): Promise<SyncProgress & { complete: boolean }> {
  const { deps, connection, objectType } = options;
  const runtime = requireConnection(deps, connection);
  const { cursors } = deps;
  const mapping = await runtime.mapping();
  let cursor = await cursors.get(connection, options.checkpoint);
  let pages = 0;
  let records = 0;
  let changes = 0;
  for await (const page of runtime.connector.listChanges(objectType, cursor, { signal: options.signal })) {
    const result = await ingestAndFanOut(deps, {
      connectionId: connection,
      objectType,
      records: page.records,
      goneIds: page.merges.flatMap((m) => m.mergedIds),
      mapping,
      log: options.log,
    });
    await cursors.set(connection, options.checkpoint, page.cursor);
    cursor = page.cursor;
    pages += 1;
    records += page.records.length;
    changes += result.changes.length;
    await options.onPage?.({ pages, records, changes, cursor });
    if (options.maxPages !== undefined && pages >= options.maxPages)
      return { pages, records, changes, cursor, complete: false };
  }
  return { pages, records, changes, cursor, complete: true };
}
