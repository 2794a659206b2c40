import { comparePeople } from './compare-people.js';
import type { FieldMU, FsParameters, Level, MU } from './fellegi-sunter.js';
import { EXACT, LEVELS, log2Odds } from './fellegi-sunter.js';
import { DEFAULT_PERSON_PARAMETERS, PERSON_FIELD_INDEX, PERSON_FIELDS } from './person-model.js';
import type { PersonField } from './person-model.js';
import type { PreparedRecord } from './prepare-record.js';

export interface EstimateOptions {
  readonly iterations?: number;
  /** Stop when no probability moves by more than this between iterations. */
  readonly tolerance?: number;
  /** Starting point; the defaults if omitted. */
  readonly initial?: FsParameters<PersonField>;
}

const FLOOR = 1e-6;

const FIELDS = PERSON_FIELDS.length;
const LEVEL_COUNT = LEVELS.length;

/** m and u by field and level, flattened (`f * LEVEL_COUNT + level`), and the share of matches. */
interface Probabilities {
  readonly m: Float64Array;
  readonly u: Float64Array;
  prior: number;
}

/**
 * Fits Fellegi–Sunter m and u probabilities to the customer's own data with expectation–maximisation
 * (conditional independence between fields, missing values ignored). Give it candidate pairs from
 * blocking: they hold enough true matches for the two classes to separate. Pure and deterministic.
 */
export function estimateWeights(
  records: readonly PreparedRecord[],
  pairs: ArrayLike<number>,
  options: EstimateOptions = {},
): FsParameters<PersonField> {
  const initial = options.initial ?? DEFAULT_PERSON_PARAMETERS;
  const iterations = options.iterations ?? 30;
  const tolerance = options.tolerance ?? 1e-5;
  const vectors = comparisonVectors(records, pairs);
  const p = startingPoint(initial);
  for (let iteration = 0; iteration < iterations; iteration++) {
    if (emStep(vectors, pairs.length, p) < tolerance) break;
  }
  const share = settingMatchShare(vectors, pairs.length, p);
  return {
    fields: PERSON_FIELDS,
    levels: fitted(initial, p),
    prior: p.prior,
    contextCeilingBits: log2Odds(share),
    ...(initial.contextFloorBits === undefined ? {} : { contextFloorBits: initial.contextFloorBits }),
  };
}

/** The comparison level of every field for each pair (`-1` where a side is missing), flattened. */
function comparisonVectors(records: readonly PreparedRecord[], pairs: ArrayLike<number>): Int8Array {
  const n = records.length;
  const vectors = new Int8Array(pairs.length * FIELDS);
  for (let k = 0; k < pairs.length; k++) {
    const code = pairs[k] ?? 0;
    const a = records[Math.floor(code / n)];
    const b = records[code % n];
    if (a === undefined || b === undefined) continue;
    vectors.set(comparePeople(a, b).levels, k * FIELDS);
  }
  return vectors;
}

function startingPoint(initial: FsParameters<PersonField>): Probabilities {
  const m = new Float64Array(FIELDS * LEVEL_COUNT);
  const u = new Float64Array(FIELDS * LEVEL_COUNT);
  PERSON_FIELDS.forEach((field, f) => {
    LEVELS.forEach((level, l) => {
      const mu = initial.levels[field][level];
      m[f * LEVEL_COUNT + l] = mu?.m ?? FLOOR;
      u[f * LEVEL_COUNT + l] = mu?.u ?? FLOOR;
    });
  });
  return { m, u, prior: Math.min(0.5, Math.max(initial.prior, 0.01)) };
}

/** P(match | the comparison vector of pair k) under the current probabilities. */
function posterior(vectors: Int8Array, k: number, p: Probabilities): number {
  let pm = p.prior;
  let pu = 1 - p.prior;
  for (let f = 0; f < FIELDS; f++) {
    const level = vectors[k * FIELDS + f] ?? -1;
    if (level < 0) continue;
    pm *= p.m[f * LEVEL_COUNT + level] ?? FLOOR;
    pu *= p.u[f * LEVEL_COUNT + level] ?? FLOOR;
  }
  return pm / (pm + pu);
}

/** One expectation–maximisation round, in place; returns the largest change of any probability. */
function emStep(vectors: Int8Array, pairCount: number, p: Probabilities): number {
  const mSum = new Float64Array(FIELDS * LEVEL_COUNT);
  const uSum = new Float64Array(FIELDS * LEVEL_COUNT);
  let gSum = 0;
  for (let k = 0; k < pairCount; k++) {
    const g = posterior(vectors, k, p);
    gSum += g;
    for (let f = 0; f < FIELDS; f++) {
      const level = vectors[k * FIELDS + f] ?? -1;
      if (level < 0) continue;
      mSum[f * LEVEL_COUNT + level] = (mSum[f * LEVEL_COUNT + level] ?? 0) + g;
      uSum[f * LEVEL_COUNT + level] = (uSum[f * LEVEL_COUNT + level] ?? 0) + 1 - g;
    }
  }
  let moved = Math.abs(gSum / Math.max(1, pairCount) - p.prior);
  p.prior = Math.min(0.999, Math.max(FLOOR, gSum / Math.max(1, pairCount)));
  for (let f = 0; f < FIELDS; f++) moved = Math.max(moved, maximise(f, mSum, uSum, p));
  return moved;
}

/** The maximisation step for one field; returns its largest change. */
function maximise(f: number, mSum: Float64Array, uSum: Float64Array, p: Probabilities): number {
  let mTotal = 0;
  let uTotal = 0;
  for (let l = 0; l < LEVEL_COUNT; l++) {
    mTotal += mSum[f * LEVEL_COUNT + l] ?? 0;
    uTotal += uSum[f * LEVEL_COUNT + l] ?? 0;
  }
  if (mTotal === 0 || uTotal === 0) return 0;
  let moved = 0;
  for (let l = 0; l < LEVEL_COUNT; l++) {
    const i = f * LEVEL_COUNT + l;
    const nextM = Math.max(FLOOR, (mSum[i] ?? 0) / mTotal);
    const nextU = Math.max(FLOOR, (uSum[i] ?? 0) / uTotal);
    moved = Math.max(moved, Math.abs(nextM - (p.m[i] ?? 0)), Math.abs(nextU - (p.u[i] ?? 0)));
    p.m[i] = nextM;
    p.u[i] = nextU;
  }
  return moved;
}

/**
 * The context ceiling is P(same person | the pair shares a setting): the share of matches, by the
 * fitted posterior, among candidate pairs with the same company domain, company or street.
 */
function settingMatchShare(vectors: Int8Array, pairCount: number, p: Probabilities): number {
  const setting = [PERSON_FIELD_INDEX.companyDomain, PERSON_FIELD_INDEX.company, PERSON_FIELD_INDEX.street];
  let inSetting = 0;
  let matchesInSetting = 0;
  for (let k = 0; k < pairCount; k++) {
    if (!setting.some((f) => vectors[k * FIELDS + f] === EXACT)) continue;
    inSetting++;
    matchesInSetting += posterior(vectors, k, p);
  }
  return inSetting === 0 ? 0.5 : Math.min(0.999, Math.max(0.001, matchesInSetting / inSetting));
}

/** The fitted probabilities, for the levels the starting point defines. */
function fitted(initial: FsParameters<PersonField>, p: Probabilities): Record<PersonField, FieldMU> {
  return Object.fromEntries(
    PERSON_FIELDS.map((field, f) => {
      const entries: [Level, MU][] = [];
      LEVELS.forEach((level, l) => {
        if (initial.levels[field][level] !== undefined) {
          entries.push([
            level,
            { m: p.m[f * LEVEL_COUNT + l] ?? FLOOR, u: p.u[f * LEVEL_COUNT + l] ?? FLOOR },
          ]);
        }
      });
      return [field, Object.fromEntries(entries)];
    }),
  ) as Record<PersonField, FieldMU>;
}
