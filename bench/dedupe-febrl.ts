import { readFile } from 'node:fs/promises';

import { parse } from 'csv-parse/sync';

import type { MatchRecord } from '../src/matching/match-record.js';
import type { PersonMatch } from '../src/matching/match-people.js';

/** Options for reading FEBRL rows. `useSocSecId` maps `soc_sec_id` to the trusted external id. */
export interface FebrlOptions {
  readonly useSocSecId: boolean;
  /** Prefixes ids, e.g. "a:" and "b:" for linkage across two files. */
  readonly idPrefix?: string;
}

/** Reads a FEBRL CSV (`rec_id, given_name, …`, comma + space separated) into match records. */
export async function loadFebrl(path: string, options: FebrlOptions): Promise<MatchRecord[]> {
  const rows: Record<string, string>[] = parse(await readFile(path, 'utf8'), {
    columns: true,
    ltrim: true,
    rtrim: true,
    skip_empty_lines: true,
  });
  const text = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);
  return rows.map((row) => ({
    id: `${options.idPrefix ?? ''}${row.rec_id ?? ''}`,
    kind: 'lead',
    firstName: text(row.given_name),
    lastName: text(row.surname),
    streetNumber: text(row.street_number),
    street: text(row.address_1),
    address2: text(row.address_2),
    city: text(row.suburb),
    postalCode: text(row.postcode),
    state: text(row.state),
    dateOfBirth: text(row.date_of_birth),
    externalId: options.useSocSecId ? text(row.soc_sec_id) : null,
    country: 'AU',
  }));
}

/** The FEBRL entity of a record id: `rec-12-dup-0` → `12` (ids may carry an `a:`/`b:` prefix). */
export function febrlEntity(id: string): string {
  return /rec-(\d+)/.exec(id)?.[1] ?? id;
}

/** Number of true pairs: all within-entity pairs (dedupe), or cross-file pairs (linkage). */
export function truePairCount(records: readonly MatchRecord[], linkage: boolean): number {
  const groups = new Map<string, { a: number; b: number }>();
  for (const r of records) {
    const g = groups.get(febrlEntity(r.id)) ?? { a: 0, b: 0 };
    if (r.id.startsWith('b:')) g.b++;
    else g.a++;
    groups.set(febrlEntity(r.id), g);
  }
  let total = 0;
  for (const { a, b } of groups.values()) total += linkage ? a * b : ((a + b) * (a + b - 1)) / 2;
  return total;
}

export interface Accuracy {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly truePositives: number;
  readonly predicted: number;
  readonly actual: number;
}

/** Precision, recall and F1 of predicted pairs against the `rec_id` truth. */
export function scorePairs(
  predicted: readonly Pick<PersonMatch, 'leftId' | 'rightId'>[],
  actual: number,
): Accuracy {
  let tp = 0;
  for (const p of predicted) if (febrlEntity(p.leftId) === febrlEntity(p.rightId)) tp++;
  const precision = predicted.length === 0 ? 0 : tp / predicted.length;
  const recall = actual === 0 ? 0 : tp / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives: tp, predicted: predicted.length, actual };
}
