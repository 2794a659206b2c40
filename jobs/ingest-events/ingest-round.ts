import type { Mapping } from '../../mappings/schema.js';
import type { Logger } from '../../src/core/logger.js';
import { ingestAndFanOut } from '../../src/ingest/ingest-and-fan-out.js';
import type { ConnectionRuntime, JobDeps } from '../../src/queue/pipeline-deps.js';
import type { InboxEntry } from '../../src/store/change-inbox.js';
import type { BatchSource } from '../shared/await-batch.js';
import { ingestWork, writeWork } from '../shared/pending-work.js';

export interface RoundTally {
  records: number;
  gone: number;
  changes: number;
  skipped: number;
  mappingFailures: number;
}

export interface IngestRun {
  readonly connection: string;
  readonly runtime: ConnectionRuntime;
  readonly deps: JobDeps;
  readonly mapping: Mapping;
  readonly sources: ReadonlySet<string>;
  /** The mapping's name of a type a webhook names (custom objects by objectTypeId). */
  readonly mappingType: (ref: string) => Promise<string>;
  readonly signal: AbortSignal;
  readonly log: Logger;
}

/**
 * The inbox as a batch: its waiting records (after moving newly spooled webhooks in) beside the
 * connection's pending writes, which spend the same budget.
 */
export function inboxBatch(run: IngestRun, drainSpool: () => Promise<void>): BatchSource {
  return {
    async pending() {
      await drainSpool();
      return ingestWork(run.deps, run.connection, run.runtime);
    },
    others: async () => [await writeWork(run.deps, run.connection, run.runtime)],
  };
}

/** Re-reads one peek of inbox entries from the CRM (type by type), maps and mirrors them, then acks. */
export async function ingestRound(
  run: IngestRun,
  entries: readonly InboxEntry[],
  tally: RoundTally,
): Promise<void> {
  const { deps, connection, runtime } = run;
  const byType = new Map<string, InboxEntry[]>();
  for (const e of entries) {
    const type = await run.mappingType(e.objectType);
    byType.set(type, [...(byType.get(type) ?? []), e]);
  }
  for (const [objectType, list] of byType) {
    if (!run.sources.has(objectType)) {
      tally.skipped += list.length;
      continue;
    }
    const ids = [...new Set(list.map((e) => e.objectId))];
    const fresh = await runtime.connector.readBatch(objectType, ids, { signal: run.signal });
    const found = new Set(fresh.map((r) => r.id));
    const goneIds = ids.filter((id) => !found.has(id));
    const result = await ingestAndFanOut(deps, {
      connectionId: connection,
      objectType,
      records: fresh,
      goneIds,
      mapping: run.mapping,
      log: run.log,
    });
    tally.records += fresh.length;
    tally.gone += goneIds.length;
    tally.changes += result.changes.length;
    tally.mappingFailures += result.mappingFailures.length;
  }
  await deps.inbox.ack(connection, entries);
}
