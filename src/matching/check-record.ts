import type { MatchIndex } from './match-index.js';
import { matchPeople, scoresAtLeast } from './match-people.js';
import type { PersonMatch, PersonMatcher } from './match-people.js';
import type { PreparedRecord } from './prepare-record.js';
import { countTerms } from './term-frequencies.js';

/**
 * Single-record duplicate check for the pipeline: candidates from the index, scored, and the pairs at
 * or above the `possible` threshold returned best first (ties by id, so the answer never flaps).
 * Phone and email frequencies come from the candidates: phone and email are blocking keys that are
 * never skipped, so every record sharing the record's phone or email is among them (up to the cap).
 */
export async function checkRecord(
  index: MatchIndex,
  matcher: PersonMatcher,
  record: PreparedRecord,
): Promise<PersonMatch[]> {
  const candidates = await index.candidates(record);
  const tf = countTerms([record, ...candidates], ['phone', 'email']);
  const withTotal = { total: Math.max(tf.total, await index.size()), count: tf.count };
  const matches: PersonMatch[] = [];
  for (const candidate of candidates) {
    if (!scoresAtLeast(matcher, record, candidate, matcher.thresholds.possible, withTotal)) continue;
    matches.push(matchPeople(matcher, record, candidate, withTotal));
  }
  const other = (m: PersonMatch): string => (m.leftId === record.id ? m.rightId : m.leftId);
  return matches.sort((x, y) => y.score - x.score || (other(x) < other(y) ? -1 : 1));
}
