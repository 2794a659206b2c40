import type { Person } from '../../src/domain/entities.js';
import { checkRecord } from '../../src/matching/check-record.js';
import type { Thresholds } from '../../src/matching/decide.js';
import type { MatchIndex } from '../../src/matching/match-index.js';
import { matchRecordFromPerson } from '../../src/matching/match-record.js';
import { createPersonMatcher } from '../../src/matching/match-people.js';
import { withPopulationPrior } from '../../src/matching/population-prior.js';
import { applyPairReviews, keepsDismissal } from '../../src/matching/pair-review.js';
import { prepareRecord } from '../../src/matching/prepare-record.js';
import {
  duplicateStatus,
  sameStatus,
  UNIQUE,
  type DuplicateStatus,
} from '../../src/matching/duplicate-status.js';
import type { DuplicateStore } from '../../src/store/duplicate-store.js';
import type { Mirror } from '../../src/store/mirror.js';
import type { PairReviewStore } from '../../src/store/pair-review-store.js';

/** One Lead or Contact whose duplicate fields would change, before → after. */
export interface DuplicateFieldChange {
  readonly personId: string;
  readonly kind: Person['kind'];
  /** Name and email, for people rather than ids. */
  readonly label: string;
  readonly before: DuplicateStatus;
  readonly after: DuplicateStatus;
  /** Labels of the records `duplicateOf` points at, before and after. */
  readonly beforeOf: string | null;
  readonly afterOf: string | null;
}

export interface DuplicateThresholdPreview {
  readonly people: number;
  readonly changes: readonly DuplicateFieldChange[];
}

export function personLabel(p: Person): string {
  const name = [p.firstName, p.lastName].filter((x) => x !== null && x !== '').join(' ');
  const who = name === '' ? (p.company ?? p.id) : name;
  return p.email === null ? who : `${who} <${p.email}>`;
}

/**
 * Dry run of new duplicate thresholds: every person of the connection is matched against its match
 * index (the same candidates, scores and survivor rule as the detect-duplicates job) with the new
 * thresholds, and compared with the duplicate fields we last wrote. Reads only; writes nothing.
 * Bounded by the connection's Leads and Contacts, like the attribution recompute.
 */
export async function previewDuplicateThresholds(
  deps: {
    readonly mirror: Mirror;
    readonly index: MatchIndex;
    readonly duplicates: DuplicateStore;
    readonly pairReviews: PairReviewStore;
  },
  connectionId: string,
  options: { readonly thresholds: Thresholds; readonly phoneRegion: string | null },
): Promise<DuplicateThresholdPreview> {
  const matcher = withPopulationPrior(
    createPersonMatcher({ thresholds: options.thresholds }),
    await deps.index.size(),
  );
  const people = new Map<string, Person>();
  for await (const p of deps.mirror.scan(connectionId, 'person')) people.set(p.entity.id, p.entity);
  const ids = [...people.keys()].sort();
  const stored = await deps.duplicates.statuses(connectionId, ids);
  const label = (id: string | null): string | null => {
    if (id === null) return null;
    const p = people.get(id);
    return p === undefined ? id : personLabel(p);
  };
  const changes: DuplicateFieldChange[] = [];
  for (const [i, id] of ids.entries()) {
    const person = people.get(id);
    if (person === undefined) continue;
    const record = prepareRecord({ ...matchRecordFromPerson(person), phoneRegion: options.phoneRegion });
    const matches = await checkRecord(deps.index, matcher, record);
    // Reviews hold whatever the thresholds: a dismissed pair is never flagged again.
    const reviewed = await deps.pairReviews.get(
      connectionId,
      matches.map((m) => [m.leftId, m.rightId] as const),
    );
    const after = duplicateStatus(person, applyPairReviews(matches, reviewed), people);
    const before = stored[i] ?? UNIQUE;
    const dismissed = person.duplicateDismissed === true;
    if (keepsDismissal(after.duplicateStatus, before.duplicateStatus, dismissed)) continue;
    if (sameStatus(before, after)) continue;
    changes.push({
      personId: id,
      kind: person.kind,
      label: personLabel(person),
      before,
      after,
      beforeOf: label(before.duplicateOf),
      afterOf: label(after.duplicateOf),
    });
  }
  return { people: ids.length, changes };
}
