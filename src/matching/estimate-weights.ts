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
  const fields = PERSON_FIELDS.length;
  const levels = LEVELS.length;
  const n = records.length;
  const vectors = new Int8Array(pairs.length * fields);
  for (let k = 0; k < pairs.length; k++) {
    const code = pairs[k] ?? 0;
    const a = records[Math.floor(code / n)];
    const b = records[code % n];
    if (a === undefined || b === undefined) continue;
    vectors.set(comparePeople(a, b).levels, k * fields);
  }

  const m = new Float64Array(fields * levels);
  const u = new Float64Array(fields * levels);
  PERSON_FIELDS.forEach((field, f) => {
    LEVELS.forEach((level, l) => {
      const mu = initial.levels[field][level];
      m[f * levels + l] = mu?.m ?? FLOOR;
      u[f * levels + l] = mu?.u ?? FLOOR;
    });
  });
  let prior = Math.min(0.5, Math.max(initial.prior, 0.01));

  for (let iteration = 0; iteration < iterations; iteration++) {
    const mSum = new Float64Array(fields * levels);
    const uSum = new Float64Array(fields * levels);
    let gSum = 0;
    for (let k = 0; k < pairs.length; k++) {
      let pm = prior;
      let pu = 1 - prior;
      for (let f = 0; f < fields; f++) {
        const level = vectors[k * fields + f] ?? -1;
        if (level < 0) continue;
        pm *= m[f * levels + level] ?? FLOOR;
        pu *= u[f * levels + level] ?? FLOOR;
      }
      const g = pm / (pm + pu);
      gSum += g;
      for (let f = 0; f < fields; f++) {
        const level = vectors[k * fields + f] ?? -1;
        if (level < 0) continue;
        mSum[f * levels + level] = (mSum[f * levels + level] ?? 0) + g;
        uSum[f * levels + level] = (uSum[f * levels + level] ?? 0) + 1 - g;
      }
    }
    let moved = Math.abs(gSum / Math.max(1, pairs.length) - prior);
    prior = Math.min(0.999, Math.max(FLOOR, gSum / Math.max(1, pairs.length)));
    for (let f = 0; f < fields; f++) {
      let mTotal = 0;
      let uTotal = 0;
      for (let l = 0; l < levels; l++) {
        mTotal += mSum[f * levels + l] ?? 0;
        uTotal += uSum[f * levels + l] ?? 0;
      }
      if (mTotal === 0 || uTotal === 0) continue;
      for (let l = 0; l < levels; l++) {
        const nextM = Math.max(FLOOR, (mSum[f * levels + l] ?? 0) / mTotal);
        const nextU = Math.max(FLOOR, (uSum[f * levels + l] ?? 0) / uTotal);
        moved = Math.max(
          moved,
          Math.abs(nextM - (m[f * levels + l] ?? 0)),
          Math.abs(nextU - (u[f * levels + l] ?? 0)),
        );
        m[f * levels + l] = nextM;
        u[f * levels + l] = nextU;
      }
    }
    if (moved < tolerance) break;
  }

  // The context ceiling is P(same person | the pair shares a setting): the share of matches, by the
  // fitted posterior, among candidate pairs with the same company domain, company or street.
  const setting = [PERSON_FIELD_INDEX.companyDomain, PERSON_FIELD_INDEX.company, PERSON_FIELD_INDEX.street];
  let inSetting = 0;
  let matchesInSetting = 0;
  for (let k = 0; k < pairs.length; k++) {
    if (!setting.some((f) => vectors[k * fields + f] === EXACT)) continue;
    let pm = prior;
    let pu = 1 - prior;
    for (let f = 0; f < fields; f++) {
      const level = vectors[k * fields + f] ?? -1;
      if (level < 0) continue;
      pm *= m[f * levels + level] ?? FLOOR;
      pu *= u[f * levels + level] ?? FLOOR;
    }
    inSetting++;
    matchesInSetting += pm / (pm + pu);
  }
  const share = inSetting === 0 ? 0.5 : Math.min(0.999, Math.max(0.001, matchesInSetting / inSetting));

  const fitted = Object.fromEntries(
    PERSON_FIELDS.map((field, f) => {
      const entries: [Level, MU][] = [];
      LEVELS.forEach((level, l) => {
        if (initial.levels[field][level] !== undefined) {
          entries.push([level, { m: m[f * levels + l] ?? FLOOR, u: u[f * levels + l] ?? FLOOR }]);
        }
      });
      return [field, Object.fromEntries(entries)];
    }),
  ) as Record<PersonField, FieldMU>;
  return { fields: PERSON_FIELDS, levels: fitted, prior, contextCeilingBits: log2Odds(share) };
}
