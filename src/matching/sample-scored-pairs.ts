import { comparePeople } from './compare-people.js';
import type { CompiledWeights } from './fellegi-sunter.js';
import type { RecordList } from './person-columns.js';
import { PERSON_FIELDS } from './person-model.js';
import { scorePerson, type PersonScore } from './person-score.js';
import type { TermFrequencies } from './term-frequencies.js';

/**
 * Scores at most `sample` candidate pairs, evenly spaced over `pairs` (codes `i * n + j`), so the
 * estimates read from them cost little at a million records. Pure.
 */
export function sampleScoredPairs(
  records: RecordList,
  pairs: ArrayLike<number>,
  weights: CompiledWeights,
  tf: TermFrequencies | undefined,
  sample: number,
): PersonScore[] {
  const n = records.length;
  const step = Math.max(1, Math.floor(pairs.length / sample));
  const scratch = new Int8Array(PERSON_FIELDS.length);
  const out: PersonScore[] = [];
  for (let k = 0; k < pairs.length; k += step) {
    const code = pairs[k] ?? 0;
    const a = records.at(Math.floor(code / n));
    const b = records.at(code % n);
    if (a === undefined || b === undefined) continue;
    // A copy is kept, not the score itself: scores that outlive their pair would teach V8 to allocate
    // every later score (a million pairs' worth) straight into the old generation, as garbage there.
    out.push({ ...scorePerson(weights, comparePeople(a, b, scratch), a, b, tf) });
  }
  return out;
}
