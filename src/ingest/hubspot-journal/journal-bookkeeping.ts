import { JOURNAL_RETENTION_MS } from '../../../connectors/hubspot/journal/journal-schemas.js';
import type { JournalPosition } from '../../../connectors/hubspot/journal/journal-client.js';
import type { CommittedOffset } from '../../store/journal-offsets.js';

/**
 * Pure: where to read next. Nothing committed → the earliest entry HubSpot holds; an offset whose entry
 * is older than the journal's 3-day retention → `expired` (read nothing: fall back to the sync).
 */
export function nextPosition(
  committed: CommittedOffset | undefined,
  now: number,
): { readonly read: JournalPosition } | { readonly expired: true } {
  if (committed === undefined) return { read: { from: 'earliest' } };
  const entryAt = committed.occurredAt ?? committed.at;
  if (now - entryAt > JOURNAL_RETENTION_MS) return { expired: true };
  return { read: { after: committed.offset } };
}

/**
 * The spool's replay key of one body of an entry: appending the same entry again (a restart between
 * the append and the commit) is refused by the spool, so each change is spooled once. Kept a day past
 * the journal's retention, after which HubSpot can no longer hand the entry out.
 */
export function spoolReplayKey(offset: string, part: number): { requestKey: string; ttlMs: number } {
  return {
    requestKey: `hubspot-journal-${offset.replace(/[^A-Za-z0-9_.-]/g, '_')}-${part}`,
    ttlMs: JOURNAL_RETENTION_MS + 24 * 3_600_000,
  };
}

/** Pure: lag behind the newest change read (ms), never negative; 0 when nothing is known. */
export function lagMs(occurredAt: number | undefined, now: number): number {
  return occurredAt === undefined ? 0 : Math.max(0, now - occurredAt);
}
