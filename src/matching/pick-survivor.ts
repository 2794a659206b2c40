/** The fields the survivor rule reads. */
export interface SurvivorCandidate {
  readonly id: string;
  readonly kind: 'lead' | 'contact';
  readonly createdAt?: string | null | undefined;
}

function createdMs(c: SurvivorCandidate): number {
  const ms = c.createdAt == null ? Number.NaN : Date.parse(c.createdAt);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/**
 * Orders duplicates so the record to keep comes first: a Contact over a Lead, then the oldest
 * (unknown creation time counts as newest), then the smallest id so ties never flap.
 */
export function compareSurvivors(a: SurvivorCandidate, b: SurvivorCandidate): number {
  if (a.kind !== b.kind) return a.kind === 'contact' ? -1 : 1;
  const diff = createdMs(a) - createdMs(b);
  if (diff !== 0 && !Number.isNaN(diff)) return diff < 0 ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The record that survives among duplicates; the others are flagged "Duplicate of" it. */
export function pickSurvivor<T extends SurvivorCandidate>(records: readonly T[]): T | null {
  let best: T | null = null;
  for (const r of records) if (best === null || compareSurvivors(r, best) < 0) best = r;
  return best;
}
