import { journalEntryBatch } from '../../../connectors/hubspot/journal/journal-entries.js';
import type { JournalClient } from '../../../connectors/hubspot/journal/journal-client.js';
import type { JournalOffsets } from '../../store/journal-offsets.js';
import type { WebhookSpool } from '../../store/webhook-spool.js';
import { lagMs, nextPosition, spoolReplayKey } from './journal-bookkeeping.js';

export interface JournalStepDeps {
  readonly connectionId: string;
  readonly portalId: number | undefined;
  readonly journal: Pick<JournalClient, 'read'>;
  readonly offsets: Pick<JournalOffsets, 'committed' | 'commit' | 'clear'>;
  readonly spool: Pick<WebhookSpool, 'append'>;
  readonly scheduleIngest: (connectionId: string) => Promise<void>;
  /** Runs the incremental sync of every object type the mapping reads; returns those types. */
  readonly resyncAll: (connectionId: string) => Promise<readonly string[]>;
  readonly now: () => number;
}

export type JournalStep =
  | { readonly kind: 'consumed'; readonly events: number; readonly spooled: number; readonly lagMs: number }
  | { readonly kind: 'caught_up' }
  | { readonly kind: 'fallback'; readonly objectTypes: readonly string[] };

/**
 * One entry: read it after the committed offset, put its events in the spool (once, by replay key),
 * make sure ingest runs, and only then commit its offset. A crash anywhere before the commit reads the
 * same entry again; the spool refuses what it already holds.
 */
export async function consumeEntry(deps: JournalStepDeps): Promise<JournalStep> {
  const { connectionId: id } = deps;
  const position = nextPosition(await deps.offsets.committed(id), deps.now());
  if ('expired' in position) return fallBack(deps);
  const read = await deps.journal.read(position.read);
  if (read.kind === 'gone') return fallBack(deps);
  if (read.kind === 'none') return { kind: 'caught_up' };
  const batch = journalEntryBatch(read.file, deps.portalId);
  let spooled = 0;
  for (const [part, body] of batch.bodies.entries())
    if (await deps.spool.append(id, body, spoolReplayKey(read.offset, part))) spooled += 1;
  if (batch.events > 0) await deps.scheduleIngest(id);
  const at = deps.now();
  const occurredAt = batch.lastOccurredAt === undefined ? {} : { occurredAt: batch.lastOccurredAt };
  await deps.offsets.commit(id, { offset: read.offset, at, ...occurredAt });
  return { kind: 'consumed', events: batch.events, spooled, lagMs: lagMs(batch.lastOccurredAt, at) };
}

/**
 * Past retention the journal cannot say what changed: the incremental sync reads it from the CRM.
 * The sync is queued before the offset moves, so a crash in between repeats the fallback, never skips
 * it; then reading restarts at the newest entry (the sync covers everything before it).
 */
async function fallBack(deps: JournalStepDeps): Promise<JournalStep> {
  const objectTypes = await deps.resyncAll(deps.connectionId);
  const latest = await deps.journal.read({ from: 'latest' });
  if (latest.kind === 'entry')
    await deps.offsets.commit(deps.connectionId, { offset: latest.offset, at: deps.now() });
  else await deps.offsets.clear(deps.connectionId);
  return { kind: 'fallback', objectTypes };
}
