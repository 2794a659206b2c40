import { log2Odds } from './fellegi-sunter.js';
import type { CompiledWeights } from './fellegi-sunter.js';
import { sampleScoredPairs } from './sample-scored-pairs.js';
import type { RecordList } from './person-columns.js';
import type { PersonScore } from './person-score.js';
import type { TermFrequencies } from './term-frequencies.js';

export interface PriorOptions {
  /** Candidate pairs read at most (evenly spaced), so the estimate costs little at 1M records. */
  readonly sample?: number;
  readonly iterations?: number;
}

/** Bits of one scored pair apart from the prior: its context sum and its individual evidence. */
interface PairEvidence {
  readonly context: number;
  readonly individual: number;
}

function bitsAtPrior(weights: CompiledWeights, priorBits: number, e: PairEvidence): number {
  const ceiling = Math.max(weights.contextCeilingBits, priorBits);
  const floor = priorBits + Math.min(0, weights.contextFloorBits);
  return Math.max(floor, Math.min(priorBits + e.context, ceiling)) + e.individual;
}

/**
 * The probability that two records picked at random are one person, estimated from the records: by
 * expectation–maximisation, the expected number of true pairs among the candidates (each weighted by
 * its posterior under the prior so far) divided by the number of all pairs. The model's m/u are
 * shares of random pairs, so this is the prior they belong with; a fixed prior would claim the same
 * odds for two namesakes in a file of 5,000 records as in one of 500,000, where many more people
 * share a name by chance. Never above the model's own prior: a file full of namesakes would otherwise
 * talk itself into a higher prior, and with it into flagging more namesakes. Returns log-odds in bits,
 * or null when there are no candidates to learn from.
 */
export function estimatePrior(
  records: RecordList,
  pairs: ArrayLike<number>,
  weights: CompiledWeights,
  tf?: TermFrequencies,
  options: PriorOptions = {},
): number | null {
  if (records.length < 2 || pairs.length === 0) return null;
  const sample = sampleScoredPairs(records, pairs, weights, tf, options.sample ?? 50_000);
  return priorFromSample(sample, weights, { records: records.length, candidates: pairs.length }, options);
}

/**
 * {@link estimatePrior} from candidate pairs already scored (`sampleScoredPairs`, evenly spaced over
 * `counts.candidates` pairs of `counts.records` records). Their context and individual bits do not
 * depend on the prior, so one sample serves this and the context ceiling.
 */
export function priorFromSample(
  sample: readonly PersonScore[],
  weights: CompiledWeights,
  counts: { readonly records: number; readonly candidates: number },
  options: PriorOptions = {},
): number | null {
  const n = counts.records;
  const evidence: PairEvidence[] = sample.map((scored) => ({
    context: scored.contextBits,
    individual: scored.individualBits,
  }));
  if (n < 2 || evidence.length === 0) return null;
  const allPairs = (n * (n - 1)) / 2;
  const scale = counts.candidates / evidence.length;
  const ceiling = weights.priorBits;
  let prior = ceiling;
  for (let i = 0; i < (options.iterations ?? 30); i++) {
    let expected = 0;
    for (const e of evidence) expected += 1 / (1 + 2 ** -bitsAtPrior(weights, prior, e));
    const share = Math.min(0.5, Math.max(1 / allPairs, (expected * scale) / allPairs));
    const next = Math.min(ceiling, log2Odds(share));
    if (Math.abs(next - prior) < 1e-3) return next;
    prior = next;
  }
  return prior;
}
