import { keyHash } from './key-hash.js';
import type { MatchRecord, MatchRecordKind } from './match-record.js';

/**
 * The source fields a written pair's reasons quote (`person-reasons.ts`), in packing order. The others
 * (phones as typed, website, country, dates of creation) are only read through their normalised form.
 */
const QUOTED_KEYS = [
  'firstName',
  'lastName',
  'email',
  'company',
  'streetNumber',
  'street',
  'address2',
  'city',
  'postalCode',
  'state',
  'dateOfBirth',
  'externalId',
] as const satisfies readonly (keyof MatchRecord)[];

/** Every field of a source record, for its content hash. */
const SOURCE_KEYS = [
  'id',
  'kind',
  'createdAt',
  'suffix',
  'phone',
  'mobilePhone',
  'website',
  'country',
  'phoneRegion',
  ...QUOTED_KEYS,
] as const satisfies readonly (keyof MatchRecord)[];

/**
 * The quoted source values ({@link QUOTED_KEYS} order), then `createdAt`, as one JSON array; missing
 * ones as 0 (no value is a number), the shortest JSON there is. One string instead of twenty, and no
 * property names.
 */
export function packSource(source: MatchRecord, createdAt: string | null): string {
  return JSON.stringify([...QUOTED_KEYS.map((key) => source[key] ?? 0), createdAt ?? 0]);
}

/** A 53-bit hash of the whole source record, so records sharing an id can be put in a fixed order. */
export function sourceHash(source: MatchRecord): number {
  return keyHash(JSON.stringify(SOURCE_KEYS.map((key) => source[key] ?? 0)));
}

/** The time of creation from a {@link packSource} string. */
export function unpackCreatedAt(packed: string): string | null {
  const last = (JSON.parse(packed) as unknown[]).at(-1);
  return typeof last === 'string' ? last : null;
}

/**
 * The source record again from a {@link packSource} string: its id, kind and the quoted fields (the
 * fields no reason quotes read as null).
 */
export function unpackSource(id: string, kind: MatchRecordKind, packed: string): MatchRecord {
  const values = JSON.parse(packed) as unknown[];
  const record: Record<string, unknown> = { id, kind };
  QUOTED_KEYS.forEach((key, i) => (record[key] = typeof values[i] === 'string' ? values[i] : null));
  return record as MatchRecord;
}
