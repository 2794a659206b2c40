import { compareEmployers, compareIndividuals, comparePeople, compareSetting } from './compare-people.js';
import { DEFAULT_THRESHOLDS, decide } from './decide.js';
import type { Decision, Thresholds } from './decide.js';
import type { CompiledWeights, FsParameters } from './fellegi-sunter.js';
import { bitsToScore, compileWeights, DIFFERENT, EXACT } from './fellegi-sunter.js';
import { DEFAULT_PERSON_PARAMETERS, PERSON_FIELD_INDEX as F, PERSON_FIELDS } from './person-model.js';
import type { PersonField } from './person-model.js';
import { formatReasons, personReasons } from './person-reasons.js';
import type { Reason } from './person-reasons.js';
import { individualBound, personBits, scorePerson } from './person-score.js';
import type { PreparedRecord } from './prepare-record.js';
import type { TermFrequencies } from './term-frequencies.js';

/** Everything needed to score people: weights (default or fitted by EM) and thresholds. */
export interface PersonMatcher {
  readonly parameters: FsParameters<PersonField>;
  readonly weights: CompiledWeights;
  readonly thresholds: Thresholds;
}

export function createPersonMatcher(
  options: { parameters?: FsParameters<PersonField>; thresholds?: Thresholds } = {},
): PersonMatcher {
  const parameters = options.parameters ?? DEFAULT_PERSON_PARAMETERS;
  return {
    parameters,
    weights: compileWeights(parameters),
    thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
  };
}

/** Which pair of CRM objects a person match is about. */
export type PersonScope = 'lead-lead' | 'lead-contact' | 'contact-contact';

/** A scored pair; `leftId` < `rightId` so the same pair always reads the same way. */
export interface PersonMatch {
  readonly leftId: string;
  readonly rightId: string;
  readonly scope: PersonScope;
  readonly score: number;
  readonly decision: Decision;
  readonly reasons: readonly Reason[];
  /** `reasons` joined for a CRM text field. */
  readonly reasonText: string;
}

function scopeOf(a: PreparedRecord, b: PreparedRecord): PersonScope {
  if (a.kind === b.kind) return a.kind === 'lead' ? 'lead-lead' : 'contact-contact';
  return 'lead-contact';
}

const scratch = new Int8Array(PERSON_FIELDS.length);

/** The match probability of two people without building reasons (the hot path). */
export function scorePeople(
  matcher: PersonMatcher,
  a: PreparedRecord,
  b: PreparedRecord,
  tf?: TermFrequencies,
): number {
  return bitsToScore(personBits(matcher.weights, comparePeople(a, b, scratch), a, b, tf));
}

/**
 * `scorePeople(matcher, a, b, tf) >= min`, cheaper: the context fields (employer, address) are only
 * compared when the evidence about the individual could still lift the pair to `min`. Most candidate
 * pairs (colleagues, namesakes) are settled by their names, mailboxes and phones alone.
 */
export function scoresAtLeast(
  matcher: PersonMatcher,
  a: PreparedRecord,
  b: PreparedRecord,
  min: number,
  tf?: TermFrequencies,
): boolean {
  const weights = matcher.weights;
  const individual = compareIndividuals(a, b, scratch);
  if (bitsToScore(individualBound(weights, individual, a, b, tf)) < min) return false;
  const comparison = compareSetting(a, b, individual);
  const levels = comparison.levels;
  // The score only rises with the employer's weight, so when the best and the worst level it could
  // take (MISSING included) settle the pair alike, the employers (the costliest field) need not be
  // read or compared: most pairs.
  levels[F.company] = weights.heaviestLevel[F.company] ?? EXACT;
  if (bitsToScore(personBits(weights, comparison, a, b, tf)) < min) return false;
  levels[F.company] = weights.lightestLevel[F.company] ?? DIFFERENT;
  if (bitsToScore(personBits(weights, comparison, a, b, tf)) >= min) return true;
  levels[F.company] = compareEmployers(a, b);
  return bitsToScore(personBits(weights, comparison, a, b, tf)) >= min;
}

/**
 * Scores two people (lead↔lead, lead↔contact, contact↔contact) and explains the result. Symmetric:
 * `matchPeople(m, a, b)` equals `matchPeople(m, b, a)`.
 */
export function matchPeople(
  matcher: PersonMatcher,
  x: PreparedRecord,
  y: PreparedRecord,
  tf?: TermFrequencies,
): PersonMatch {
  const [a, b] = x.id <= y.id ? [x, y] : [y, x];
  const comparison = comparePeople(a, b);
  const scored = scorePerson(matcher.weights, comparison, a, b, tf);
  const score = bitsToScore(scored.bits);
  const reasons = personReasons(a, b, comparison, matcher.weights, scored);
  return {
    leftId: a.id,
    rightId: b.id,
    scope: scopeOf(a, b),
    score,
    decision: decide(score, matcher.thresholds),
    reasons,
    reasonText: formatReasons(reasons),
  };
}
