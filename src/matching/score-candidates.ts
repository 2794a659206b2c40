import { matchPeople, scoresAtLeast } from './match-people.js';
import type { PersonMatch, PersonMatcher } from './match-people.js';
import type { MatchRecord } from './match-record.js';
import type { RecordList } from './person-columns.js';
import type { PreparedRecord } from './prepare-record.js';
import type { TermFrequencies } from './term-frequencies.js';

export interface ScoreCandidatesOptions {
  readonly shouldCompare?: ((a: MatchRecord, b: MatchRecord) => boolean) | undefined;
  /** Called with how many candidates are scored so far, every `progressEvery` candidates. */
  readonly onProgress: (done: number) => void;
  readonly progressEvery: number;
}

/** Pairs found by {@link scoreCandidates}, and how many of them are duplicates. */
export interface ScoredCandidates {
  readonly found: number;
  readonly duplicates: number;
}

/**
 * Scores candidate pairs (codes `i * n + j`, sorted by `i`) and gives each one at or above the
 * matcher's `possible` threshold to `emit`, in candidate order.
 */
export function scoreCandidates(
  records: RecordList,
  candidates: ArrayLike<number>,
  matcher: PersonMatcher,
  tf: TermFrequencies,
  emit: (pair: PersonMatch) => void,
  options: ScoreCandidatesOptions,
): ScoredCandidates {
  const n = records.length;
  const shouldCompare = options.shouldCompare;
  let found = 0;
  let duplicates = 0;
  // Candidates are sorted by their left record: it is made again from its columns once for all its pairs.
  let left = -1;
  let a: PreparedRecord | undefined;
  for (let k = 0; k < candidates.length; k++) {
    if (k > 0 && k % options.progressEvery === 0) options.onProgress(k);
    const code = candidates[k] ?? 0;
    const i = Math.floor(code / n);
    if (i !== left) {
      left = i;
      a = records.at(i);
    }
    const b = records.at(code % n);
    if (a === undefined || b === undefined) continue;
    if (shouldCompare !== undefined && !shouldCompare(a.source, b.source)) continue;
    if (!scoresAtLeast(matcher, a, b, matcher.thresholds.possible, tf)) continue;
    const pair = matchPeople(matcher, a, b, tf);
    found++;
    if (pair.decision === 'duplicate') duplicates++;
    emit(pair);
  }
  return { found, duplicates };
}
