import { log2Odds } from './fellegi-sunter.js';
import { sampleScoredPairs } from './sample-scored-pairs.js';
import type { CompiledWeights } from './fellegi-sunter.js';
import type { RecordList } from './person-columns.js';
import type { PersonScore } from './person-score.js';
import type { TermFrequencies } from './term-frequencies.js';

export interface ContextCeilingOptions {
  /** Pairs read at most (evenly spaced over the candidates), so the estimate costs little at 1M records. */
  readonly sample?: number;
  /** Fewer setting-sharing pairs than this: keep the default ceiling. */
  readonly minPairs?: number;
  readonly iterations?: number;
}

/**
 * Estimates the context ceiling from the records themselves: the share of candidate pairs sharing a
 * setting (company domain, company, street) that are one person, by expectation–maximisation of that
 * one number given each pair's evidence about the individual (its likelihood ratio under the model's
 * m/u). In a CRM where companies hold many people the share is low (colleagues); in a file of home
 * addresses with few households it is high. Returns the ceiling in bits, or null when too few pairs
 * share a setting to say. Pure and deterministic.
 */
export function estimateContextCeiling(
  records: RecordList,
  pairs: ArrayLike<number>,
  weights: CompiledWeights,
  tf?: TermFrequencies,
  options: ContextCeilingOptions = {},
): number | null {
  return ceilingFromSample(sampleScoredPairs(records, pairs, weights, tf, options.sample ?? 50_000), options);
}

/** {@link estimateContextCeiling} from candidate pairs already scored (`sampleScoredPairs`). */
export function ceilingFromSample(
  sample: readonly PersonScore[],
  options: ContextCeilingOptions = {},
): number | null {
  const minPairs = options.minPairs ?? 200;
  const ratios = sample
    .filter((scored) => scored.sharesSetting)
    .map((scored) => 2 ** Math.max(-60, Math.min(60, scored.individualBits)));
  if (ratios.length < minPairs) return null;
  let share = 0.5;
  for (let i = 0; i < (options.iterations ?? 50); i++) {
    let sum = 0;
    for (const ratio of ratios) sum += (share * ratio) / (share * ratio + 1 - share);
    const next = Math.min(0.99, Math.max(0.01, sum / ratios.length));
    if (Math.abs(next - share) < 1e-6) {
      share = next;
      break;
    }
    share = next;
  }
  return log2Odds(share);
}
