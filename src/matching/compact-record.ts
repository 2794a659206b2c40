import { keyHash } from './key-hash.js';
import type { MatchRecord, MatchRecordKind } from './match-record.js';
import type { NormalisedCompany } from './normalise-company.js';
import type { DateParts } from './normalise-date.js';
import type { NormalisedEmail } from './normalise-email.js';
import type { PhoneNumber } from './normalise-phone.js';
import type { PreparedRecord } from './prepare-record.js';

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
 * Repeated values held once: a CRM export writes "United States", "New York" or a company's name on
 * thousands of rows, each read as a string of its own. Bounded per kind, so a column of unique values
 * (ids, emails) stops being remembered instead of growing without limit.
 */
export class Interner {
  private readonly strings = new Map<string, string>();
  private readonly companies = new Map<string, NormalisedCompany>();

  constructor(private readonly limit = 100_000) {}

  text<T extends string | null>(value: T): T {
    if (value === null) return value;
    const held = this.strings.get(value);
    if (held !== undefined) return held as T;
    if (this.strings.size < this.limit) this.strings.set(value, value);
    return value;
  }

  /**
   * A company held once per name; a name met once keeps only its key, and its tokens (the key's words)
   * are cut again on the rare occasions a comparison reads them.
   */
  company(value: NormalisedCompany | null): NormalisedCompany | null {
    if (value === null) return null;
    const held = this.companies.get(value.key);
    if (held !== undefined) return held;
    if (this.companies.size < this.limit) {
      this.companies.set(value.key, value);
      return value;
    }
    return new KeyOnlyCompany(value.key);
  }
}

/** A normalised company kept as its key alone (`key` is its tokens joined by single spaces). */
class KeyOnlyCompany implements NormalisedCompany {
  constructor(readonly key: string) {}

  get tokens(): readonly string[] {
    return this.key.split(' ');
  }
}

/**
 * A prepared record as a bulk run keeps it, a million at a time: the source record packed into one
 * string (one string instead of twenty, and no property names) and decoded only when a pair is written
 * or a caller's `shouldCompare` asks for it; normalised values that repeat are interned. Compares and
 * scores exactly as the {@link PreparedRecord} it was made from.
 */
export class CompactRecord implements PreparedRecord {
  readonly id: string;
  readonly kind: MatchRecordKind;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly firstPhonetic: string;
  readonly lastPhonetic: string;
  readonly generation: string | null;
  readonly email: NormalisedEmail | null;
  readonly roleMailbox: boolean;
  readonly companyDomain: string | null;
  readonly phones: readonly PhoneNumber[];
  readonly company: NormalisedCompany | null;
  readonly streetNumber: string | null;
  readonly street: readonly string[];
  readonly address2: readonly string[];
  readonly city: string | null;
  readonly postcode: string | null;
  readonly state: string | null;
  readonly country: string | null;
  readonly dateOfBirth: DateParts | null;
  readonly externalId: string | null;
  /** The quoted source values ({@link QUOTED_KEYS} order), then `createdAt`, as one JSON array; missing ones as 0. */
  readonly packed: string;
  /** A 53-bit hash of the whole source record, so records sharing an id can be put in a fixed order. */
  readonly contentHash: number;
  private readonly kept: MatchRecord | null;
  private decoded: MatchRecord | null = null;

  /** `keepSource`: hold the whole source record (a caller's `shouldCompare` reads it), not only the quoted fields. */
  constructor(r: PreparedRecord, intern: Interner, keepSource = false) {
    this.id = r.id;
    this.kind = r.kind;
    this.firstName = intern.text(r.firstName);
    this.lastName = intern.text(r.lastName);
    this.firstPhonetic = intern.text(r.firstPhonetic);
    this.lastPhonetic = intern.text(r.lastPhonetic);
    this.generation = intern.text(r.generation);
    this.email = r.email === null ? null : compactEmail(r.email, intern);
    this.roleMailbox = r.roleMailbox;
    this.companyDomain =
      r.companyDomain !== null && r.companyDomain === r.email?.domain
        ? (this.email?.domain ?? null)
        : intern.text(r.companyDomain);
    this.phones = r.phones;
    this.company = intern.company(r.company);
    this.streetNumber = r.streetNumber;
    this.street = r.street;
    this.address2 = r.address2;
    this.city = intern.text(r.city);
    this.postcode = intern.text(r.postcode);
    this.state = intern.text(r.state);
    this.country = intern.text(r.country);
    this.dateOfBirth = r.dateOfBirth;
    this.externalId = r.externalId;
    const source = r.source;
    this.kept = keepSource ? source : null;
    // A missing value is packed as 0 (no value is a number), the shortest JSON there is. The time of
    // creation rides last, for the rare reader of `createdAt`.
    this.packed = JSON.stringify([...QUOTED_KEYS.map((key) => source[key] ?? 0), r.createdAt ?? 0]);
    this.contentHash = keyHash(JSON.stringify(SOURCE_KEYS.map((key) => source[key] ?? 0)));
  }

  get createdAt(): string | null {
    const last = (JSON.parse(this.packed) as unknown[]).at(-1);
    return typeof last === 'string' ? last : null;
  }

  /**
   * The source record: the one given when kept, else its id, kind and the quoted fields, decoded from
   * {@link packed} on first use (the fields no reason quotes read as null).
   */
  get source(): MatchRecord {
    if (this.kept !== null) return this.kept;
    if (this.decoded !== null) return this.decoded;
    const values = JSON.parse(this.packed) as unknown[];
    const record: Record<string, unknown> = { id: this.id, kind: this.kind };
    QUOTED_KEYS.forEach((key, i) => (record[key] = typeof values[i] === 'string' ? values[i] : null));
    this.decoded = record as MatchRecord;
    return this.decoded;
  }
}

/** The same address with its parts cut from one string, and its domain interned. */
function compactEmail(email: NormalisedEmail, intern: Interner): NormalisedEmail {
  const address = email.address;
  const at = address.length - email.domain.length - 1;
  return { address, local: address.slice(0, at), domain: intern.text(email.domain) };
}
