import type { PersonMatch } from './match-people.js';
import { pickSurvivor, type SurvivorCandidate } from './pick-survivor.js';
import { duplicateLikelihood } from '../explain/rep-words/index.js';

/** What one Lead or Contact shows in its duplicate fields. */
export interface DuplicateStatus {
  /** `dismissed`: the CRM shows "Not a duplicate" (a rep's or a console dismissal) and we leave it. */
  readonly duplicateStatus: 'unique' | 'possible' | 'duplicate' | 'dismissed';
  /** The record to keep (same connection), when this one is not it. */
  readonly duplicateOf: string | null;
  readonly duplicateScore: number | null;
  readonly duplicateReason: string | null;
}

export const UNIQUE: DuplicateStatus = {
  duplicateStatus: 'unique',
  duplicateOf: null,
  duplicateScore: null,
  duplicateReason: null,
};

const roundScore = (score: number): number => Math.round(score * 1000) / 1000;

/** The CRM reason field (255 characters): the band and percentage a rep reads, then why. */
function reasonField(match: PersonMatch): string {
  return `${duplicateLikelihood(match.score)}: ${match.reasonText}`.slice(0, 255);
}

/**
 * Pure: a record's status from its own matches. Among the `duplicate` matches, the survivor rule
 * (a Contact over a Lead, then the oldest, then the smallest id) picks the record to keep; when it is
 * another record, this one is `duplicate` of it, with that pair's score and reasons. Otherwise the same
 * for `possible` matches; otherwise `unique`, which is also what every survivor shows. Because the
 * answer depends only on the record and its matches, never on which record was processed first, two
 * jobs looking at the same data always agree.
 */
export function duplicateStatus(
  self: SurvivorCandidate,
  matches: readonly PersonMatch[],
  others: ReadonlyMap<string, SurvivorCandidate>,
): DuplicateStatus {
  for (const level of ['duplicate', 'possible'] as const) {
    const byId = new Map<string, PersonMatch>();
    const rivals: SurvivorCandidate[] = [self];
    for (const m of matches) {
      if (m.decision !== level) continue;
      const otherId = m.leftId === self.id ? m.rightId : m.leftId;
      const other = others.get(otherId);
      if (other === undefined) continue;
      byId.set(otherId, m);
      rivals.push(other);
    }
    const survivor = pickSurvivor(rivals);
    const match = survivor === null ? undefined : byId.get(survivor.id);
    if (survivor !== null && survivor.id !== self.id && match !== undefined)
      return {
        duplicateStatus: level,
        duplicateOf: survivor.id,
        duplicateScore: roundScore(match.score),
        duplicateReason: reasonField(match),
      };
  }
  return UNIQUE;
}

export function sameStatus(a: DuplicateStatus | null, b: DuplicateStatus): boolean {
  return (
    a !== null &&
    a.duplicateStatus === b.duplicateStatus &&
    a.duplicateOf === b.duplicateOf &&
    a.duplicateScore === b.duplicateScore &&
    a.duplicateReason === b.duplicateReason
  );
}
