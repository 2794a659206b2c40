import type { JunctionRow } from './attribution-decision.js';
import { currencyMinorDigits } from './currency-minor-digits.js';

export interface JunctionDiff<E extends JunctionRow> {
  /** Desired rows that are new or differ from what the CRM holds. */
  readonly upserts: readonly JunctionRow[];
  /** Existing rows whose key is no longer desired (the partner no longer qualifies for that role). */
  readonly deletes: readonly E[];
}

/**
 * Compares rows by `externalKey`. Unchanged rows are skipped so a re-run writes nothing; numbers are
 * compared at their precision (hundredths of a percent, minor units), so CRM float noise never causes
 * a write.
 */
export function diffJunctionRows<E extends JunctionRow>(
  existing: readonly E[],
  desired: readonly JunctionRow[],
): JunctionDiff<E> {
  const current = new Map(existing.map((row) => [row.externalKey, row]));
  const wanted = new Set(desired.map((row) => row.externalKey));
  const upserts = desired.filter((row) => {
    const have = current.get(row.externalKey);
    return have === undefined || !sameRow(have, row);
  });
  const deletes = existing.filter((row) => !wanted.has(row.externalKey));
  return { upserts, deletes };
}

function sameRow(a: JunctionRow, b: JunctionRow): boolean {
  const scale = 10 ** currencyMinorDigits(b.currency);
  const sameAmount =
    a.creditedAmount === null || b.creditedAmount === null
      ? a.creditedAmount === b.creditedAmount
      : Math.round(a.creditedAmount * scale) === Math.round(b.creditedAmount * scale);
  return (
    a.opportunityId === b.opportunityId &&
    a.partnerId === b.partnerId &&
    a.role === b.role &&
    Math.round(a.creditPercent * 100) === Math.round(b.creditPercent * 100) &&
    sameAmount &&
    a.currency === b.currency &&
    a.model === b.model &&
    a.evidence === b.evidence
  );
}
