import { keyHash } from './key-hash.js';
import type { PreparedRecord } from './prepare-record.js';

/** The values whose frequency weakens an exact agreement. */
export type FrequencyField = 'firstName' | 'lastName' | 'phone' | 'email';

/**
 * How often values occur among the records being matched (Splink's term-frequency adjustment: two
 * records agreeing on "Smith", or on a switchboard number written on forty records, is weaker evidence
 * than agreeing on a rare value). `count` returns null when the frequency is unknown.
 */
export interface TermFrequencies {
  readonly total: number;
  count(field: FrequencyField, value: string): number | null;
}

const ALL_FIELDS: readonly FrequencyField[] = ['firstName', 'lastName', 'phone', 'email'];

/** Index of the first element ≥ `value` in a sorted array. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Index of the first element > `value` in a sorted array. Hashes run up to 2^53, where `value + 0.5`
 * is not a number of its own (it rounds to an even neighbour), so "first element ≥ value + 0.5" would
 * count an even hash above 2^52 as absent.
 */
function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts terms record by record (see {@link countTerms}), for a caller that visits the records anyway. */
export interface TermCounter {
  add(record: PreparedRecord): void;
  frequencies(): TermFrequencies;
}

/**
 * Counts first names, last names, phones (national digits) and emails over a set of records. Values
 * are held as 53-bit hashes in one sorted typed array per field (8 bytes a value, so a million
 * records cost ~30 MB, not a Map of a million strings); a count is two binary searches. A hash
 * collision can only over-count, which weakens evidence, never strengthens it.
 */
export function termCounter(fields: readonly FrequencyField[] = ALL_FIELDS): TermCounter {
  const wanted = new Set<FrequencyField>(fields);
  const hashes: Record<FrequencyField, number[]> = { firstName: [], lastName: [], phone: [], email: [] };
  let total = 0;
  const add = (r: PreparedRecord): void => {
    total++;
    if (wanted.has('firstName') && r.firstName !== null) hashes.firstName.push(keyHash(r.firstName));
    if (wanted.has('lastName') && r.lastName !== null) hashes.lastName.push(keyHash(r.lastName));
    if (wanted.has('email') && r.email !== null) hashes.email.push(keyHash(r.email.address));
    if (wanted.has('phone')) {
      const first = r.phones[0]?.national;
      for (const phone of r.phones)
        if (phone === r.phones[0] || phone.national !== first) hashes.phone.push(keyHash(phone.national));
    }
  };
  const frequencies = (): TermFrequencies => {
    const sorted = Object.fromEntries(
      ALL_FIELDS.map((f) => [f, Float64Array.from(hashes[f]).sort()]),
    ) as Record<FrequencyField, Float64Array>;
    // The last value asked for per field, and its count: a pair is asked about twice (its bound, then
    // its score), and a record's names for each of its candidates in turn.
    const lastValue: Record<FrequencyField, string | null> = {
      firstName: null,
      lastName: null,
      phone: null,
      email: null,
    };
    const lastCount: Record<FrequencyField, number> = { firstName: 0, lastName: 0, phone: 0, email: 0 };
    return {
      total,
      count: (field, value) => {
        if (!wanted.has(field)) return null;
        if (lastValue[field] === value) return lastCount[field];
        const list = sorted[field];
        const hash = keyHash(value);
        const count = upperBound(list, hash) - lowerBound(list, hash);
        lastValue[field] = value;
        lastCount[field] = count;
        return count;
      },
    };
  };
  return { add, frequencies };
}

/** The {@link termCounter} counts of a set of records. */
export function countTerms(
  records: Iterable<PreparedRecord>,
  fields: readonly FrequencyField[] = ALL_FIELDS,
): TermFrequencies {
  const counter = termCounter(fields);
  for (const r of records) counter.add(r);
  return counter.frequencies();
}
