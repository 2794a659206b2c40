import type { Person } from '../../src/domain/entities.js';
import { crmDismissals } from '../../src/matching/pair-review.js';
import type { JobDeps } from '../../src/queue/pipeline-deps.js';

/**
 * Records every "Not a duplicate" a rep set in the CRM on these records as a dismissal of the pair it
 * names (the Duplicate Of field, or what we last flagged when the rep cleared it). Returns how many.
 */
export async function recordCrmDismissals(
  deps: Pick<JobDeps, 'duplicates' | 'pairReviews'>,
  connection: string,
  ids: readonly string[],
  people: ReadonlyMap<string, Person>,
): Promise<number> {
  const shown = ids.flatMap((id) => people.get(id) ?? []).filter((p) => p.duplicateDismissed);
  const flaggedOf = await deps.duplicates.statuses(
    connection,
    shown.map((p) => p.id),
  );
  const seen = crmDismissals(
    shown,
    flaggedOf.map((s) => s?.duplicateOf ?? null),
  );
  for (const review of seen) await deps.pairReviews.dismiss(connection, review);
  return seen.length;
}
