import { countryCode } from './country-code.js';
import { foldText } from './fold-text.js';
import { isFreeMailDomain } from './free-mail-domains.js';
import type { MatchRecord, MatchRecordKind } from './match-record.js';
import { normaliseAddress, normalisePostcode } from './normalise-address.js';
import { normaliseCompany } from './normalise-company.js';
import type { NormalisedCompany } from './normalise-company.js';
import { normaliseDate } from './normalise-date.js';
import type { DateParts } from './normalise-date.js';
import { normaliseDomain } from './normalise-domain.js';
import { normaliseEmail } from './normalise-email.js';
import type { NormalisedEmail } from './normalise-email.js';
import { cachedNameReader, readName } from './name-reader.js';
import type { ReadName } from './name-reader.js';
import { nameGeneration } from './name-generation.js';
import { readPhone } from './normalise-phone.js';
import type { PhoneNumber } from './normalise-phone.js';
import { isRoleMailbox } from './role-mailbox.js';
import { BoundedCache } from './bounded-cache.js';

/** A record with every field normalised once, ready for blocking and comparison. */
export interface PreparedRecord {
  readonly id: string;
  readonly kind: MatchRecordKind;
  readonly createdAt: string | null;
  readonly source: MatchRecord;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly firstPhonetic: string;
  readonly lastPhonetic: string;
  /** Generational suffix ("jr", "sr", "ii" …), from the Suffix field or the end of the last name. */
  readonly generation: string | null;
  readonly email: NormalisedEmail | null;
  /** The email is a role mailbox (info@, sales@ …) that a team shares. */
  readonly roleMailbox: boolean;
  /** A company domain from the email or website; never a free-mail domain. */
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
}

/** A prepared record without its source: what a worker thread hands back to the one that read the record. */
export type PreparedFields = Omit<PreparedRecord, 'source'>;

/** The normalised fields of a prepared record (its source left out). */
export function preparedFieldsOf(prepared: PreparedRecord): PreparedFields {
  return Object.fromEntries(Object.entries(prepared).filter(([key]) => key !== 'source')) as PreparedFields;
}

/** The prepared record again, from its normalised fields and the source record they were read from. */
export function withSource(fields: PreparedFields, source: MatchRecord): PreparedRecord {
  return { ...fields, source };
}

const NO_PHONES: readonly PhoneNumber[] = Object.freeze([]);

/** Phones read per distinct (region, text): a switchboard or an area's format repeats across a file. */
type PhoneReader = (raw: string | null | undefined, country: string | null) => PhoneNumber | null;

const PHONE_CACHE_LIMIT = 200_000;

function cachedPhoneReader(): PhoneReader {
  const cache = new BoundedCache<PhoneNumber | null>(PHONE_CACHE_LIMIT);
  return (raw, country) => {
    if (raw == null || raw === '') return null;
    return cache.get(`${country ?? ''}|${raw}`, () => readPhone(raw, country));
  };
}

export interface PrepareOptions {
  /**
   * Region (ISO alpha-2) for national phone numbers of records with neither a country nor a
   * `phoneRegion` of their own: the connection's default region or the CLI's `--country`.
   */
  readonly defaultCountry?: string | null;
}

function folded(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const text = foldText(raw);
  return text === '' ? null : text;
}

/** The record's phone and mobile (the mobile marked as one); one number typed in both is kept once, as a mobile. */
function readPhones(record: MatchRecord, country: string | null, read: PhoneReader): readonly PhoneNumber[] {
  const phone = read(record.phone, country);
  const typed = read(record.mobilePhone, country);
  const mobile: PhoneNumber | null = typed === null ? null : { ...typed, mobile: true };
  if (phone === null) return mobile === null ? NO_PHONES : [mobile];
  if (mobile === null) return [phone];
  return phone.national === mobile.national ? [{ ...phone, mobile: true }] : [phone, mobile];
}

/** Normalises every field of a record (pure; the cost of matching is paid here once per record). */
export function prepareRecord(record: MatchRecord): PreparedRecord {
  return prepareRecordWith(record, {}, { phone: readPhone, name: readName });
}

/**
 * {@link prepareRecord} with a default phone region, for many records: phone numbers (the costliest
 * field to read) are read once per distinct text and region.
 */
export function preparerFor(options: PrepareOptions): (record: MatchRecord) => PreparedRecord {
  const read = { phone: cachedPhoneReader(), name: cachedNameReader() };
  return (record) => prepareRecordWith(record, options, read);
}

/** How phones and name parts are read: directly, or through a cache of the spellings seen. */
interface FieldReaders {
  readonly phone: PhoneReader;
  readonly name: (raw: string | null | undefined) => ReadName;
}

function prepareRecordWith(record: MatchRecord, options: PrepareOptions, read: FieldReaders): PreparedRecord {
  const country = countryCode(record.country);
  const phoneCountry = country ?? countryCode(record.phoneRegion) ?? countryCode(options.defaultCountry);
  const email = normaliseEmail(record.email);
  const emailDomain = email !== null && !isFreeMailDomain(email.domain) ? email.domain : null;
  const website = normaliseDomain(record.website);
  const siteDomain = website !== null && !isFreeMailDomain(website) ? website : null;
  const phones = readPhones(record, phoneCountry, read.phone);
  const first = read.name(record.firstName);
  const last = read.name(record.lastName);
  const externalId = record.externalId?.trim().toLowerCase().replace(/\s+/g, '') ?? '';
  return {
    id: record.id,
    kind: record.kind,
    createdAt: record.createdAt ?? null,
    source: record,
    firstName: first.name,
    lastName: last.name,
    firstPhonetic: first.phonetic,
    lastPhonetic: last.phonetic,
    generation: nameGeneration(record.suffix, record.lastName),
    email,
    roleMailbox: email !== null && isRoleMailbox(email.local),
    companyDomain: emailDomain ?? siteDomain,
    phones,
    company: normaliseCompany(record.company),
    streetNumber: folded(record.streetNumber),
    street: normaliseAddress(record.street),
    address2: normaliseAddress(record.address2),
    city: folded(record.city),
    postcode: normalisePostcode(record.postalCode),
    state: folded(record.state),
    country,
    dateOfBirth: normaliseDate(record.dateOfBirth),
    externalId: externalId === '' ? null : externalId,
  };
}
