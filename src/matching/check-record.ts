import type { MatchIndex } from './match-index.js';
import { matchPeople, scorePeople } from './match-people.js';
import type { PersonMatch, PersonMatcher } from './match-people.js';
import type { PreparedRecord } from './prepare-record.js';

/**
 * Single-record duplicate check for the pipeline: candidates from the index, scored, and the pairs at
 * or above the `possible` threshold returned best first (ties by id, so the answer never flaps).
 */
export async function checkRecord(
  index: MatchIndex,
  matcher: PersonMatcher,
  record: PreparedRecord,
): Promise<PersonMatch[]> {
  const candidates = await index.candidates(record);
  const matches: PersonMatch[] = [];
  for (const candidate of candidates) {
    if (scorePeople(matcher, record, candidate) < matcher.thresholds.possible) continue;
    matches.push(matchPeople(matcher, record, candidate));
  }
  const other = (m: PersonMatch): string => (m.leftId === record.id ? m.rightId : m.leftId);
  return matches.sort((x, y) => y.score - x.score || (other(x) < other(y) ? -1 : 1));
}
