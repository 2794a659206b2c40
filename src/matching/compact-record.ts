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
export const SOURCE_KEYS = [
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

/** Normalised values (an email's address, a name, a city) that a quoted source field's spelling may follow. */
export type NormalisedSpellings = Partial<Record<(typeof QUOTED_KEYS)[number], string | null>>;

/** Packed in place of a source value equal to its normalised value, or to that capitalised ("New York"). */
const AS_NORMALISED = 1;
const CAPITALISED = 2;

/** `normalised` with each word's first letter upper-case ("new york" → "New York"). */
function capitalised(normalised: string): string {
  return normalised.replace(/(?:^| )[a-z]/g, (start) => start.toUpperCase());
}

/** True when `raw` is `normalised` (lower-case letters, digits and single spaces) capitalised. */
function isCapitalised(raw: string, normalised: string): boolean {
  if (raw.length !== normalised.length) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = normalised.charCodeAt(i);
    const wordStart = i === 0 || normalised.charCodeAt(i - 1) === 32;
    const expected = wordStart && c >= 97 && c <= 122 ? c - 32 : c;
    if (raw.charCodeAt(i) !== expected) return false;
  }
  return true;
}

function packedValue(raw: string | null | undefined, normalised: string | null | undefined): string | number {
  if (raw == null) return 0;
  if (normalised == null) return raw;
  if (raw === normalised) return AS_NORMALISED;
  return isCapitalised(raw, normalised) ? CAPITALISED : raw;
}

/**
 * The quoted source values ({@link QUOTED_KEYS} order), then `createdAt`, as one JSON array; missing
 * ones as 0 and ones spelled as their normalised value (often an email, a lower-case or capitalised
 * name or city) as 1 or 2 (no value is a number), the shortest JSON there is. One string instead of
 * twenty, and no property names.
 */
export function packSource(
  source: MatchRecord,
  createdAt: string | null,
  normalised: NormalisedSpellings,
): string {
  return JSON.stringify([
    ...QUOTED_KEYS.map((key) => packedValue(source[key], normalised[key])),
    createdAt ?? 0,
  ]);
}

/** The time of creation from a {@link packSource} string. */
export function unpackCreatedAt(packed: string): string | null {
  const last = (JSON.parse(packed) as unknown[]).at(-1);
  return typeof last === 'string' ? last : null;
}

/**
 * The source record again from a {@link packSource} string and the normalised values it was packed
 * with: its id, kind and the quoted fields (the fields no reason quotes read as null).
 */
export function unpackSource(
  id: string,
  kind: MatchRecordKind,
  packed: string,
  normalised: NormalisedSpellings,
): MatchRecord {
  const values = JSON.parse(packed) as unknown[];
  const record: Record<string, unknown> = { id, kind };
  QUOTED_KEYS.forEach((key, i) => {
    const value = values[i];
    const spelled = normalised[key] ?? null;
    if (typeof value === 'string') record[key] = value;
    else if (value === AS_NORMALISED) record[key] = spelled;
    else if (value === CAPITALISED && spelled !== null) record[key] = capitalised(spelled);
    else record[key] = null;
  });
  return record as MatchRecord;
}
