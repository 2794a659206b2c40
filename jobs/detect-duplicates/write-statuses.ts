import type { Mapping } from '../../mappings/index.js';
import type { Logger } from '../../src/core/logger.js';
import type { Person } from '../../src/domain/entities.js';
import { sameStatus, type DuplicateStatus } from '../../src/matching/duplicate-status.js';
import type { JobDeps } from '../../src/queue/pipeline-deps.js';
import type { WriteBackRequest } from '../../src/store/write-back-store.js';
import { personWriteBack } from './person-write-back.js';

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
): Promise<{ readonly writes: number; readonly unmapped: number }> {
  const previous = await deps.duplicates.statuses(
    connection,
    decided.map(([p]) => p.id),
  );
  const requests: WriteBackRequest[] = [];
  const changed: [string, DuplicateStatus][] = [];
  let unmapped = 0;
  decided.forEach(([person, status], i) => {
    if (sameStatus(previous[i] ?? null, status)) return;
    const planned = personWriteBack(mapping, connection, person, status);
    if (!planned.ok) {
      unmapped += 1;
      log.warn({ id: person.id, issue: planned.message }, 'duplicate fields not written');
      return;
    }
    requests.push(planned.request);
    changed.push([person.id, status]);
  });
  await deps.writeBack.enqueue(connection, requests);
  for (const [id, status] of changed) await deps.duplicates.save(connection, id, status);
  if (requests.length > 0) await deps.scheduler.writeBack(connection);
  return { writes: requests.length, unmapped };
}
