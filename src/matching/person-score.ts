import type { PersonComparison } from './compare-people.js';
import type { CompiledWeights } from './fellegi-sunter.js';
import { CLOSE, EXACT, fieldBits, LEVELS, log2Odds } from './fellegi-sunter.js';
import { CONTEXT_FIELDS, PERSON_FIELD_INDEX as F, PERSON_FIELDS } from './person-model.js';
import type { PreparedRecord } from './prepare-record.js';
import type { FrequencyField, TermFrequencies } from './term-frequencies.js';

/** The log-odds of a pair and how they were reached. */
export interface PersonScore {
  /** Posterior log-odds in bits: capped context plus the prior, plus the evidence about the individual. */
  readonly bits: number;
  /** The shared phone counted as an office or household line, not as the person's own. */
  readonly sharedLine: boolean;
  /** The shared email counted as a team or family mailbox, not as the person's own. */
  readonly sharedMailbox: boolean;
  /** Bits from evidence about the individual (names, mailbox, own phone, birth date, id, Jr/Sr). */
  readonly individualBits: number;
  /** The pair shares a setting: the same company domain, company name or street. */
  readonly sharesSetting: boolean;
  /** Bits from context before the prior, ceiling and floor are applied. */
  readonly contextBits: number;
}

/** Reused per call: scoring runs millions of times and must not allocate. */
const scratchBits = new Float64Array(PERSON_FIELDS.length);
const IS_CONTEXT: readonly boolean[] = PERSON_FIELDS.map((f) => CONTEXT_FIELDS.includes(f));
/** A value held by fewer records keeps its default weight (the pair itself accounts for two). */
const SHARED_BY = 3;
/**
 * Frequencies are only read from this many records up: in a smaller set the counts are dominated by
 * the very duplicates being looked for (three records of one person make their phone look shared).
 */
const MIN_TF_RECORDS = 1000;
/**
 * "Robert Smith Jr." and "Robert Smith" may be one person whose suffix was left out, or the son and
 * his father: such a pair is at most a possible duplicate, for a rep to look at.
 */
const UNSURE_GENERATION_BITS = log2Odds(0.85);

/**
 * The weight of an exact agreement adjusted for how common the value is (Splink's term-frequency
 * adjustment): u becomes the value's share of all records when that is larger than the average u.
 * Values held by fewer than three records keep the default weight.
 */
function exactBits(weights: CompiledWeights, f: number, count: number | null, total: number): number {
  const base = weights.bits[f * LEVELS.length + EXACT] ?? 0;
  const u = weights.exactU[f] ?? 0;
  if (count === null || count < SHARED_BY || total < MIN_TF_RECORDS || u <= 0) return base;
  const share = count / total;
  return share <= u ? base : base - Math.log2(share / u);
}

function valueOf(field: FrequencyField, a: PreparedRecord, comparison: PersonComparison): string | null {
  switch (field) {
    case 'firstName':
      return comparison.namesSwapped ? null : a.firstName;
    case 'lastName':
      return comparison.namesSwapped ? null : a.lastName;
    case 'phone':
      return comparison.sharedPhone;
    case 'email':
      return a.email?.address ?? null;
  }
}

const TF_FIELDS: readonly (readonly [number, FrequencyField])[] = [
  [F.firstName, 'firstName'],
  [F.lastName, 'lastName'],
  [F.phone, 'phone'],
  [F.email, 'email'],
];

/** Each field's weight for its level, with term-frequency adjustment of exact agreements when `tf` is given. */
function fillBits(
  weights: CompiledWeights,
  comparison: PersonComparison,
  a: PreparedRecord,
  tf: TermFrequencies | undefined,
): Float64Array {
  const levels = comparison.levels;
  const bitsOf = levels.length === scratchBits.length ? scratchBits : new Float64Array(levels.length);
  for (let f = 0; f < levels.length; f++) bitsOf[f] = fieldBits(weights, f, levels[f] ?? -1);
  if (tf !== undefined) {
    for (const [f, field] of TF_FIELDS) {
      if (levels[f] !== EXACT) continue;
      const value = valueOf(field, a, comparison);
      if (value === null) continue;
      bitsOf[f] = exactBits(weights, f, tf.count(field, value), tf.total);
    }
    // A number on more records than the pair's own is a shared line, whichever field it was typed in.
    if (levels[F.mobile] === EXACT && (bitsOf[F.phone] ?? 0) < fieldBits(weights, F.phone, EXACT))
      bitsOf[F.mobile] = 0;
  }
  return bitsOf;
}

function isSharedLine(comparison: PersonComparison): boolean {
  return (
    comparison.levels[F.phone] === EXACT &&
    (comparison.firstConflict || comparison.lastConflict || comparison.generationConflict)
  );
}

/**
 * The most {@link scorePerson} can give a pair once its context (employer, domain, address) is
 * compared, from the evidence about the individual alone (`compareIndividuals`): context adds at most
 * up to the ceiling, and a surname can only move from the individual to the capped context ledger.
 * When this bound is below a threshold the context need not be compared at all.
 */
export function individualBound(
  weights: CompiledWeights,
  comparison: PersonComparison,
  a: PreparedRecord,
  b: PreparedRecord,
  tf?: TermFrequencies,
): number {
  const levels = comparison.levels;
  const bitsOf = fillBits(weights, comparison, a, tf);
  const sharedLine = isSharedLine(comparison);
  const sharedMailbox = levels[F.email] === EXACT && (a.roleMailbox || b.roleMailbox);
  let individual = 0;
  for (let f = 0; f < levels.length; f++) {
    if (IS_CONTEXT[f] === true || f === F.lastName) continue;
    if (((f === F.phone || f === F.mobile) && sharedLine) || (f === F.email && sharedMailbox)) continue;
    individual += bitsOf[f] ?? 0;
  }
  const ceiling = Math.max(weights.contextCeilingBits, weights.priorBits);
  // A hair above the exact sum, so a different order of additions can never put a pair past it.
  const bound = ceiling + individual + Math.max(0, bitsOf[F.lastName] ?? 0) + 1e-9;
  return comparison.generationUnsure ? Math.min(bound, UNSURE_GENERATION_BITS + 1e-9) : bound;
}

/**
 * Scores a compared pair in two ledgers. Context (employer, domain, address) is summed with the prior
 * and capped at the model's context ceiling (`CONTEXT_CEILING_BITS` by default, or the share of one
 * person among the pairs that share a setting, estimated from the data by `estimateContextCeiling`):
 * context can make two records colleagues or family, never one person. Evidence about the individual (names, mailbox, phone, birth date, id, Jr/Sr) is added on
 * top. A phone shared by records whose names conflict (different first or last names, Jr and Sr) is an
 * office or household line and moves to the context ledger; so does an email that is a role mailbox (info@,
 * sales@), and a surname shared at one street address unless the first names agree. Exact agreements on common names, phones and emails are
 * weakened by their frequency when `tf` is given.
 */
export function scorePerson(
  weights: CompiledWeights,
  comparison: PersonComparison,
  a: PreparedRecord,
  b: PreparedRecord,
  tf?: TermFrequencies,
): PersonScore {
  fillLedgers(weights, comparison, a, b, tf);
  const context = ledgers[0] ?? 0;
  const individual = ledgers[1] ?? 0;
  const levels = comparison.levels;
  return {
    bits: posteriorBits(weights, comparison, context, individual),
    sharedLine: isSharedLine(comparison),
    sharedMailbox: isSharedMailbox(comparison, a, b),
    individualBits: individual,
    contextBits: context,
    sharesSetting:
      levels[F.companyDomain] === EXACT || levels[F.company] === EXACT || levels[F.street] === EXACT,
  };
}

/**
 * `scorePerson(weights, comparison, a, b, tf).bits` without building the score: the per-pair path,
 * which allocates nothing.
 */
export function personBits(
  weights: CompiledWeights,
  comparison: PersonComparison,
  a: PreparedRecord,
  b: PreparedRecord,
  tf?: TermFrequencies,
): number {
  fillLedgers(weights, comparison, a, b, tf);
  return posteriorBits(weights, comparison, ledgers[0] ?? 0, ledgers[1] ?? 0);
}

/** The context and individual ledgers of the last pair given to {@link fillLedgers}. */
const ledgers = new Float64Array(2);

function isSharedMailbox(comparison: PersonComparison, a: PreparedRecord, b: PreparedRecord): boolean {
  return comparison.levels[F.email] === EXACT && (a.roleMailbox || b.roleMailbox);
}

/** Sums each field's weight into the context or the individual ledger (see {@link scorePerson}). */
function fillLedgers(
  weights: CompiledWeights,
  comparison: PersonComparison,
  a: PreparedRecord,
  b: PreparedRecord,
  tf: TermFrequencies | undefined,
): void {
  const levels = comparison.levels;
  const bitsOf = fillBits(weights, comparison, a, tf);
  const sharedLine = isSharedLine(comparison);
  // A family shares its surname as it shares its address: at one street address, a surname agreeing
  // says "same household" unless the first names also identify one person.
  const first = levels[F.firstName] ?? -1;
  const street = levels[F.street] ?? -1;
  const familyName =
    (street === EXACT || street === CLOSE) &&
    first !== EXACT &&
    first !== CLOSE &&
    (levels[F.lastName] ?? -1) >= 0;
  const sharedMailbox = isSharedMailbox(comparison, a, b);
  let context = 0;
  let individual = 0;
  for (let f = 0; f < levels.length; f++) {
    const moved =
      ((f === F.phone || f === F.mobile) && sharedLine) ||
      (f === F.email && sharedMailbox) ||
      (f === F.lastName && familyName);
    if (IS_CONTEXT[f] === true || moved) context += bitsOf[f] ?? 0;
    else individual += bitsOf[f] ?? 0;
  }
  ledgers[0] = context;
  ledgers[1] = individual;
}

/** The posterior log-odds from the two ledgers: context capped and floored, then the individual on top. */
function posteriorBits(
  weights: CompiledWeights,
  comparison: PersonComparison,
  context: number,
  individual: number,
): number {
  // Context can lift a pair to the ceiling, never above it; nor does agreeing context ever score
  // lower than no context at all (a fitted prior can sit above the ceiling).
  const ceiling = Math.max(weights.contextCeilingBits, weights.priorBits);
  const floor = weights.priorBits + Math.min(0, weights.contextFloorBits);
  const bits = Math.max(floor, Math.min(weights.priorBits + context, ceiling)) + individual;
  return comparison.generationUnsure ? Math.min(bits, UNSURE_GENERATION_BITS) : bits;
}
