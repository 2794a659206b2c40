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

/** Counts first names, last names, phones (national digits) and emails over a set of records. */
export function countTerms(
  records: Iterable<PreparedRecord>,
  fields?: readonly FrequencyField[],
): TermFrequencies {
  const wanted = new Set<FrequencyField>(fields ?? ['firstName', 'lastName', 'phone', 'email']);
  const maps: Record<FrequencyField, Map<string, number>> = {
    firstName: new Map(),
    lastName: new Map(),
    phone: new Map(),
    email: new Map(),
  };
  const bump = (field: FrequencyField, value: string | null | undefined): void => {
    if (value == null || !wanted.has(field)) return;
    const map = maps[field];
    map.set(value, (map.get(value) ?? 0) + 1);
  };
  let total = 0;
  for (const r of records) {
    total++;
    bump('firstName', r.firstName);
    bump('lastName', r.lastName);
    bump('email', r.email?.address);
    const seen = new Set<string>();
    for (const phone of r.phones) {
      if (seen.has(phone.national)) continue;
      seen.add(phone.national);
      bump('phone', phone.national);
    }
  }
  return {
    total,
    count: (field, value) => (wanted.has(field) ? (maps[field].get(value) ?? 0) : null),
  };
}
