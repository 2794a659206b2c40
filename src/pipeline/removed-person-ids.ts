import type { MirrorChange } from '../store/mirror.js';

/**
 * People that left the mirror (deleted, merged away, privacy-deleted). `fanOut` schedules only live
 * people, so the ingest jobs pass these to `detect-duplicates` too: it takes them out of the match
 * index and re-checks the records that pointed at them.
 */
export function removedPersonIds(changes: readonly MirrorChange[]): string[] {
  return changes.filter((c) => c.kind === 'person' && c.change === 'removed').map((c) => c.id);
}
