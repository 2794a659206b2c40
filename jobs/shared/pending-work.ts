import { fullBatchSize, type PendingWork } from '../../connectors/batch-policy.js';
import type { ConnectionRuntime, JobDeps } from '../../src/queue/pipeline-deps.js';

/**
 * A connection's waiting work of each kind, as batching weighs it against the shared budget: records
 * queued, how long the oldest has waited, and what their calls cost now and at full batches.
 */

/** Records one ingest round re-reads at most. */
export const INGEST_PEEK = 1_000;
/** Pending write requests one write-back round takes at most. */
export const WRITE_TAKE = 2_000;

type Deps = Pick<JobDeps, 'inbox' | 'writeBack' | 'now'>;

/**
 * Changed records waiting for their re-read (with the association reads the mappings need), priced by
 * the type of the oldest: a round reads at most INGEST_PEEK of them.
 */
export async function ingestWork(
  deps: Deps,
  connection: string,
  runtime: ConnectionRuntime,
): Promise<PendingWork> {
  const { connector } = runtime;
  const [size, oldest] = await Promise.all([deps.inbox.size(connection), deps.inbox.oldest(connection)]);
  const type = oldest?.objectType ?? '';
  const calls = (records: number): number => connector.readCalls(type, records);
  const fullAt = fullBatchSize(calls, connector.readBatchSize, INGEST_PEEK);
  const queued = oldest === null ? 0 : size;
  return {
    kind: 'ingest',
    queued,
    oldestAgeMs: oldest === null ? 0 : Math.max(0, deps.now() - oldest.occurredAt),
    fullAt,
    callsNow: queued === 0 ? 0 : calls(Math.min(queued, INGEST_PEEK)),
    callsPerRecordAtFull: calls(fullAt) / fullAt,
  };
}

/** Write requests waiting, priced by the type of the oldest (a Lead write checks for conversion first). */
export async function writeWork(
  deps: Deps,
  connection: string,
  runtime: ConnectionRuntime,
): Promise<PendingWork> {
  const { connector } = runtime;
  const size = connector.writeBatchSize;
  const [count, oldest] = await Promise.all([
    deps.writeBack.pendingCount(connection),
    deps.writeBack.oldestQueued(connection),
  ]);
  const queued = oldest === null ? 0 : count;
  const calls = (records: number): number => connector.writeCalls(oldest?.objectType ?? '', records);
  return {
    kind: 'write',
    queued,
    oldestAgeMs: oldest === null ? 0 : Math.max(0, deps.now() - oldest.queuedAt),
    fullAt: size,
    callsNow: queued === 0 ? 0 : calls(Math.min(queued, WRITE_TAKE)),
    callsPerRecordAtFull: calls(size) / size,
    // Re-read records become decisions and then writes: their arrivals are the writes' soon.
    fedBy: 'ingest',
  };
}
