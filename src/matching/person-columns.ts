import { CodedColumn } from './coded-column.js';
import { packSource, unpackCreatedAt, unpackSource } from './compact-record.js';
import { sourceHash } from './source-hash.js';
import type { NormalisedSpellings } from './compact-record.js';
import type { MatchRecord, MatchRecordKind } from './match-record.js';
import type { NormalisedCompany } from './normalise-company.js';
import type { DateParts } from './normalise-date.js';
import type { NormalisedEmail } from './normalise-email.js';
import type { PhoneNumber } from './normalise-phone.js';
import type { PreparedRecord } from './prepare-record.js';
import { personSortKey } from './person-sort-key.js';
import { StringColumn } from './string-column.js';

/** Records read by position: an array of prepared records is one, a {@link PersonColumns} view another. */
export interface RecordList {
  readonly length: number;
  at(index: number): PreparedRecord | undefined;
  /** {@link personSortKey} of the record at `index`, without making the whole record. */
  sortKey?(index: number): string;
}

const NO_PHONES: readonly PhoneNumber[] = Object.freeze([]);
const NO_TOKENS: readonly string[] = Object.freeze([]);
/** `phoneFlags` bits: how many phones (0–2), and which is a mobile. */
const SECOND_PHONE = 1;
const FIRST_MOBILE = 2;
const SECOND_MOBILE = 4;
const HAS_FIRST = 8;
const ROLE_MAILBOX = 16;
const CONTACT = 32;

/** A normalised company held as its key alone (`key` is its tokens joined by single spaces). */
class KeyOnlyCompany implements NormalisedCompany {
  private words: readonly string[] | undefined;

  constructor(readonly key: string) {}

  /** Cut once, when first read: a left record's employer is compared with each of its candidates. */
  get tokens(): readonly string[] {
    return (this.words ??= this.key.split(' '));
  }
}

/**
 * A prepared record made again from its columns. Its id, employer, source, phonetic keys and country
 * are read only when asked for (the first three then kept): scoring never reads the last two, and
 * most candidate pairs are settled before anything reads the others. Each column read is a cache miss
 * at a million records.
 */
class StoredPerson implements PreparedRecord {
  private heldId: string | undefined;
  private heldCompany: NormalisedCompany | null | undefined;
  private heldSource: MatchRecord | undefined;

  constructor(
    readonly kind: MatchRecordKind,
    readonly firstName: string | null,
    readonly lastName: string | null,
    readonly generation: string | null,
    readonly email: NormalisedEmail | null,
    readonly roleMailbox: boolean,
    readonly companyDomain: string | null,
    readonly phones: readonly PhoneNumber[],
    readonly streetNumber: string | null,
    readonly street: readonly string[],
    readonly address2: readonly string[],
    readonly city: string | null,
    readonly postcode: string | null,
    readonly state: string | null,
    readonly dateOfBirth: DateParts | null,
    readonly externalId: string | null,
    private readonly columns: PersonColumns,
    private readonly index: number,
  ) {}

  get id(): string {
    return (this.heldId ??= this.columns.id(this.index));
  }

  get firstPhonetic(): string {
    return this.columns.firstPhonetic(this.index);
  }

  get lastPhonetic(): string {
    return this.columns.lastPhonetic(this.index);
  }

  get country(): string | null {
    return this.columns.country(this.index);
  }

  get company(): NormalisedCompany | null {
    if (this.heldCompany === undefined) this.heldCompany = this.columns.company(this.index);
    return this.heldCompany;
  }

  get createdAt(): string | null {
    return unpackCreatedAt(this.columns.packed(this.index));
  }

  get source(): MatchRecord {
    return (this.heldSource ??= this.columns.source(this.index));
  }
}

/**
 * Prepared people held by column, a million at a time: one array (or typed array) per field instead
 * of one object per record with an object per email, phone and company beside it, so a record costs
 * its strings and a slot per field (~0.3 KB instead of ~0.9 KB at 1M synthetic leads), and the
 * collector has a few dozen arrays to trace instead of millions of objects. Fields whose values
 * repeat (names, domains, places) hold a small code per record into their distinct values; the
 * source record is packed into one string and decoded only when a pair is written or a caller's
 * `shouldCompare` reads it (then it is kept whole). `at(i)` makes the record again; it
 * compares and scores exactly as the {@link PreparedRecord} it was made from.
 */
export class PersonColumns implements RecordList {
  private readonly ids = new StringColumn();
  private readonly firstNames = new CodedColumn<string | null>();
  private readonly lastNames = new CodedColumn<string | null>();
  private readonly firstPhonetics = new CodedColumn<string>();
  private readonly lastPhonetics = new CodedColumn<string>();
  private readonly generations = new CodedColumn<string | null>();
  private readonly emails = new StringColumn();
  private readonly emailDomains = new CodedColumn<string | null>();
  private readonly companyDomains = new CodedColumn<string | null>();
  /** The phones as one text each: see {@link phonesText}. */
  private readonly phoneTexts = new StringColumn();
  private flags = new Uint8Array(1024);
  /** A company's key when its tokens are the key's words (nearly always), else null and the company in `oddCompanies`. */
  private readonly companyKeys = new StringColumn();
  private readonly oddCompanies = new Map<number, NormalisedCompany>();
  private readonly streetNumbers = new StringColumn();
  private readonly streets = new CodedColumn<readonly string[]>();
  private readonly addresses2 = new CodedColumn<readonly string[]>();
  private readonly cities = new CodedColumn<string | null>();
  private readonly postcodes = new CodedColumn<string | null>();
  private readonly states = new CodedColumn<string | null>();
  private readonly countries = new CodedColumn<string | null>();
  private readonly datesOfBirth = new CodedColumn<DateParts | null>();
  private readonly externalIds = new StringColumn();
  private readonly packedSources = new StringColumn();
  private hashes = new Float64Array(1024);
  private readonly kept: MatchRecord[] | null;

  /** `keepSource`: hold each whole source record (a caller's `shouldCompare` reads it), not only the quoted fields. */
  constructor(keepSource = false) {
    this.kept = keepSource ? [] : null;
  }

  get length(): number {
    return this.ids.length;
  }

  /** Adds a prepared record; returns its index. */
  add(r: PreparedRecord): number {
    const i = this.ids.length;
    if (i === this.flags.length) {
      this.flags = grown(this.flags, new Uint8Array(i * 2));
      this.hashes = grown(this.hashes, new Float64Array(i * 2));
    }
    this.ids.push(r.id);
    this.firstNames.push(r.firstName);
    this.lastNames.push(r.lastName);
    this.firstPhonetics.push(r.firstPhonetic);
    this.lastPhonetics.push(r.lastPhonetic);
    this.generations.push(r.generation);
    this.emails.push(r.email?.address ?? null);
    this.emailDomains.push(r.email?.domain ?? null);
    this.companyDomains.push(r.companyDomain);
    const [first, second] = r.phones;
    let flags = (r.roleMailbox ? ROLE_MAILBOX : 0) | (r.kind === 'contact' ? CONTACT : 0);
    if (first !== undefined) {
      flags |= HAS_FIRST | (first.mobile === true ? FIRST_MOBILE : 0);
      if (second !== undefined) flags |= SECOND_PHONE | (second.mobile === true ? SECOND_MOBILE : 0);
    }
    if (r.phones.length > 2) throw new Error(`record ${r.id}: at most two phones are held`);
    this.flags[i] = flags;
    this.phoneTexts.push(phonesText(r.phones));
    const company = r.company;
    if (company === null || (company.key !== '' && sameWords(company)))
      this.companyKeys.push(company?.key ?? null);
    else {
      this.companyKeys.push(null);
      this.oddCompanies.set(i, company);
    }
    this.streetNumbers.push(r.streetNumber);
    this.streets.push(r.street);
    this.addresses2.push(r.address2);
    this.cities.push(r.city);
    this.postcodes.push(r.postcode);
    this.states.push(r.state);
    this.countries.push(r.country);
    this.datesOfBirth.push(r.dateOfBirth);
    this.externalIds.push(r.externalId);
    this.packedSources.push(packSource(r.source, r.createdAt, spellingsOf(r)));
    this.hashes[i] = sourceHash(r.source);
    this.kept?.push(r.source);
    return i;
  }

  id(index: number): string {
    return this.ids.get(index) ?? '';
  }

  /** A 53-bit hash of the whole source record, so records sharing an id can be put in a fixed order. */
  contentHash(index: number): number {
    return this.hashes[index] ?? 0;
  }

  /** The packed source (its quoted fields and time of creation), a last tie-break between records. */
  packed(index: number): string {
    return this.packedSources.get(index) ?? '';
  }

  /** The source record: the one given when kept, else its id, kind and the quoted fields from {@link packed}. */
  source(index: number): MatchRecord {
    return (
      this.kept?.[index] ??
      unpackSource(this.id(index), this.kindOf(index), this.packed(index), {
        firstName: this.firstNames.get(index, null),
        lastName: this.lastNames.get(index, null),
        email: this.emails.get(index),
        city: this.cities.get(index, null),
      })
    );
  }

  sortKey(index: number): string {
    const lastName = this.lastNames.get(index, null);
    return personSortKey(lastName, this.firstNames.get(index, null), this.emails.get(index), this.id(index));
  }

  private kindOf(index: number): MatchRecordKind {
    return ((this.flags[index] ?? 0) & CONTACT) !== 0 ? 'contact' : 'lead';
  }

  at(index: number): StoredPerson | undefined {
    if (index < 0 || index >= this.ids.length) return undefined;
    const flags = this.flags[index] ?? 0;
    const address = this.emails.get(index);
    const domain = this.emailDomains.get(index, null);
    return new StoredPerson(
      this.kindOf(index),
      this.firstNames.get(index, null),
      this.lastNames.get(index, null),
      this.generations.get(index, null),
      address === null || domain === null
        ? null
        : { address, local: address.slice(0, address.length - domain.length - 1), domain },
      (flags & ROLE_MAILBOX) !== 0,
      this.companyDomains.get(index, null),
      this.phonesOf(index, flags),
      this.streetNumbers.get(index),
      this.streets.get(index, NO_TOKENS),
      this.addresses2.get(index, NO_TOKENS),
      this.cities.get(index, null),
      this.postcodes.get(index, null),
      this.states.get(index, null),
      this.datesOfBirth.get(index, null),
      this.externalIds.get(index),
      this,
      index,
    );
  }

  /** The phonetic key of the first name at `index` (read for blocking, not for scoring). */
  firstPhonetic(index: number): string {
    return this.firstPhonetics.get(index, '');
  }

  lastPhonetic(index: number): string {
    return this.lastPhonetics.get(index, '');
  }

  country(index: number): string | null {
    return this.countries.get(index, null);
  }

  /** The employer of the record at `index` (as its key alone when its tokens are the key's words). */
  company(index: number): NormalisedCompany | null {
    const key = this.companyKeys.get(index);
    return key === null ? (this.oddCompanies.get(index) ?? null) : new KeyOnlyCompany(key);
  }

  private phonesOf(index: number, flags: number): readonly PhoneNumber[] {
    if ((flags & HAS_FIRST) === 0) return NO_PHONES;
    const text = this.phoneTexts.get(index) ?? '';
    const bar = text.indexOf('|');
    const first = readPhoneText(bar < 0 ? text : text.slice(0, bar), (flags & FIRST_MOBILE) !== 0);
    if ((flags & SECOND_PHONE) === 0) return [first];
    return [first, readPhoneText(text.slice(bar + 1), (flags & SECOND_MOBILE) !== 0)];
  }
}

/** The records of a {@link PersonColumns} in another order (`order[k]` is the index of the k-th). */
export class OrderedRecords implements RecordList {
  constructor(
    private readonly columns: PersonColumns,
    private readonly order: Uint32Array,
  ) {}

  get length(): number {
    return this.order.length;
  }

  at(position: number): PreparedRecord | undefined {
    const index = this.order[position];
    return index === undefined ? undefined : this.columns.at(index);
  }

  sortKey(position: number): string {
    const index = this.order[position];
    return index === undefined ? '' : this.columns.sortKey(index);
  }
}

function grown<T extends Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** The normalised values a record's packed source may stand for: see {@link packSource}. */
function spellingsOf(r: PreparedRecord): NormalisedSpellings {
  return { firstName: r.firstName, lastName: r.lastName, email: r.email?.address ?? null, city: r.city };
}

/** A company whose tokens are its key's words, so the key alone gives them back. */
function sameWords(company: NormalisedCompany): boolean {
  const words = company.key.split(' ');
  return words.length === company.tokens.length && words.every((w, i) => w === company.tokens[i]);
}

/**
 * A record's phones as one string: each as its national digits, then its E.164 form when it has one
 * (`4155550101 +14155550101`), the second after a `|`; null without phones.
 */
function phonesText(phones: readonly PhoneNumber[]): string | null {
  if (phones.length === 0) return null;
  return phones.map((p) => (p.e164 === null ? p.national : `${p.national} ${p.e164}`)).join('|');
}

function readPhoneText(text: string, mobile: boolean): PhoneNumber {
  const space = text.indexOf(' ');
  const national = space < 0 ? text : text.slice(0, space);
  const e164 = space < 0 ? null : text.slice(space + 1);
  return mobile ? { e164, national, mobile: true } : { e164, national };
}
