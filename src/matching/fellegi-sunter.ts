/**
 * Fellegi–Sunter scoring. Each field comparison lands on one agreement level; each level carries
 * m = P(level | same entity) and u = P(level | different entities); its weight is log2(m / u). The
 * weights of all fields plus the prior log-odds of a match among candidate pairs give the posterior
 * log-odds, mapped to a probability in [0, 1] with the logistic function, so a threshold of 0.9 means
 * "at least 9 to 1 that these are the same".
 */

/** Agreement levels, best first. A missing value on either side is level `MISSING` and weighs 0. */
export const LEVELS = ['exact', 'close', 'fuzzy', 'different'] as const;
export type Level = (typeof LEVELS)[number];
export const EXACT = 0;
export const CLOSE = 1;
export const FUZZY = 2;
export const DIFFERENT = 3;
export const MISSING = -1;

/** m and u for one level of one field. Levels a field never produces may be left out. */
export interface MU {
  readonly m: number;
  readonly u: number;
}
export type FieldMU = Readonly<Partial<Record<Level, MU>>>;

/** A fitted or default model: per-field level probabilities and the prior match probability. */
export interface FsParameters<F extends string> {
  readonly fields: readonly F[];
  readonly levels: Readonly<Record<F, FieldMU>>;
  /** P(match) for a candidate pair before any comparison. */
  readonly prior: number;
  /**
   * P(same person | the pair shares a setting: employer, address), as log-odds in bits: the most
   * that context evidence can lift a pair to. Absent: no ceiling (plain Fellegi–Sunter).
   */
  readonly contextCeilingBits?: number;
  /**
   * The most (in bits, ≤ 0) that disagreeing context can take off the prior: a new employer changes
   * company, domain and address at once, one event however many fields it touches. Absent: no floor.
   */
  readonly contextFloorBits?: number;
}

/** Precomputed weights: `bits[field * 4 + level]`, plus the prior log-odds in bits. */
export interface CompiledWeights {
  readonly bits: Float64Array;
  /** u at the `exact` level per field (0 when the field has none), for term-frequency adjustment. */
  readonly exactU: Float64Array;
  /**
   * Per field, the level (MISSING included) of the most weight and of the least: a score that only
   * rises with a field's weight is bounded by these two without comparing the field.
   */
  readonly heaviestLevel: Int8Array;
  readonly lightestLevel: Int8Array;
  readonly priorBits: number;
  readonly contextCeilingBits: number;
  readonly contextFloorBits: number;
}

export function log2Odds(p: number): number {
  return Math.log2(p / (1 - p));
}

export function compileWeights<F extends string>(params: FsParameters<F>): CompiledWeights {
  const bits = new Float64Array(params.fields.length * LEVELS.length);
  const exactU = new Float64Array(params.fields.length);
  params.fields.forEach((field, f) => {
    const mus = params.levels[field];
    exactU[f] = mus.exact?.u ?? 0;
    LEVELS.forEach((level, l) => {
      const mu = mus[level];
      bits[f * LEVELS.length + l] = mu === undefined ? 0 : Math.log2(mu.m / mu.u);
    });
  });
  const heaviestLevel = new Int8Array(params.fields.length);
  const lightestLevel = new Int8Array(params.fields.length);
  params.fields.forEach((_, f) => {
    heaviestLevel[f] = extremeLevel(bits, f, 1);
    lightestLevel[f] = extremeLevel(bits, f, -1);
  });
  return {
    bits,
    exactU,
    heaviestLevel,
    lightestLevel,
    priorBits: log2Odds(params.prior),
    contextCeilingBits: params.contextCeilingBits ?? Number.POSITIVE_INFINITY,
    contextFloorBits: params.contextFloorBits ?? Number.NEGATIVE_INFINITY,
  };
}

/** The level of field `f` (MISSING, weighing 0, included) of the most weight (`sign` 1) or the least (-1). */
function extremeLevel(bits: Float64Array, f: number, sign: 1 | -1): number {
  let chosen = MISSING;
  let chosenBits = 0;
  for (let level = 0; level < LEVELS.length; level++) {
    const levelBits = bits[f * LEVELS.length + level] ?? 0;
    if (sign * levelBits > sign * chosenBits) {
      chosen = level;
      chosenBits = levelBits;
    }
  }
  return chosen;
}

/** The weight of one field at one level (0 for a missing value). */
export function fieldBits(weights: CompiledWeights, field: number, level: number): number {
  return level < 0 ? 0 : (weights.bits[field * LEVELS.length + level] ?? 0);
}

/** Sum of weights plus prior, in bits (log2 odds). */
export function totalBits(weights: CompiledWeights, levels: Int8Array): number {
  let sum = weights.priorBits;
  for (let f = 0; f < levels.length; f++) sum += fieldBits(weights, f, levels[f] ?? MISSING);
  return sum;
}

/** Logistic of base-2 log-odds: the match probability. */
export function bitsToScore(bits: number): number {
  return 1 / (1 + 2 ** -bits);
}
