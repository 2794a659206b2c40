import type { MirrorChange } from '../store/mirror.js';

/** People that left the mirror (deleted, merged away, privacy-deleted). */
export function removedPersonIds(changes: readonly MirrorChange[]): string[] {
  return changes.filter((c) => c.kind === 'person' && c.change === 'removed').map((c) => c.id);
}
