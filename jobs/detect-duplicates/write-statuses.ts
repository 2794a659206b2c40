import type { Mapping } from '../../mappings/index.js';
import type { Logger } from '../../src/core/logger.js';
import type { Person } from '../../src/domain/entities.js';
import { sameStatus, type DuplicateStatus } from '../../src/matching/duplicate-status.js';
import { keepsDismissal } from '../../src/matching/pair-review.js';
import type { JobDeps } from '../../src/queue/pipeline-deps.js';
import { writeKey, type WriteBackRequest } from '../../src/store/write-back-store.js';
import { personWriteBack } from './person-write-back.js';

/** Nothing left to flag on a record a rep dismissed: it keeps "Not a duplicate" (nothing is written). */
function shownStatus(
  person: Person,
  computed: DuplicateStatus,
  prev: DuplicateStatus | null,
): DuplicateStatus {
  const dismissed = person.duplicateDismissed === true;
  if (!keepsDismissal(computed.duplicateStatus, prev?.duplicateStatus ?? null, dismissed)) return computed;
  return {
    ...(prev ?? computed),
    duplicateStatus: 'dismissed',
    duplicateOf: person.dismissedDuplicateOf ?? prev?.duplicateOf ?? null,
  };
}

/**
 * Enqueues the duplicate fields of every person whose status changed since we last wrote it, then
 * remembers the new statuses. A status the mapping cannot write is logged and counted.
 */
export async function writeStatuses(
  deps: Pick<JobDeps, 'duplicates' | 'writeBack' | 'scheduler'>,
  connection: string,
  mapping: Mapping,
  decided: readonly [Person, DuplicateStatus][],
  log: Logger,
  /** The people the statuses point at, so the flag names the record to keep. */
  people: ReadonlyMap<string, Person> = new Map(),
): Promise<{ readonly writes: number; readonly unmapped: number }> {
  const previous = await deps.duplicates.statuses(
    connection,
    decided.map(([p]) => p.id),
  );
  const requests: WriteBackRequest[] = [];
  const changed: [string, DuplicateStatus][] = [];
  const rewritten: string[] = [];
  let unmapped = 0;
  decided.forEach(([person, computed], i) => {
    const prev = previous[i] ?? null;
    const status = shownStatus(person, computed, prev);
    if (sameStatus(prev, status)) return;
    if (status.duplicateStatus === 'dismissed') {
      changed.push([person.id, status]);
      return;
    }
    const keep = status.duplicateOf === null ? undefined : people.get(status.duplicateOf);
    const planned = personWriteBack(mapping, connection, person, status, keep);
    if (!planned.ok) {
      unmapped += 1;
      log.warn({ id: person.id, issue: planned.message }, 'duplicate fields not written');
      return;
    }
    requests.push(planned.request);
    changed.push([person.id, status]);
    // The rep changed the status since our last write: write every field again, not only those
    // that differ from what we wrote then.
    if (person.duplicateDismissed === true) rewritten.push(writeKey(planned.request));
  });
  if (rewritten.length > 0) await deps.writeBack.forget(connection, rewritten);
  await deps.writeBack.enqueue(connection, requests);
  // The write-back job is scheduled before the statuses are saved: a run cut off in between is retried
  // and, finding the statuses unsaved, enqueues and schedules again. Saved first, the retry would find
  // nothing changed and the writes would wait for an unrelated write-back run.
  if (requests.length > 0) await deps.scheduler.writeBack(connection);
  for (const [id, status] of changed) await deps.duplicates.save(connection, id, status);
  return { writes: requests.length, unmapped };
}
