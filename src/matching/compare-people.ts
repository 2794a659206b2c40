import { distance } from 'fastest-levenshtein';

import {
  compareCode,
  compareDate,
  compareExact,
  compareGivenName,
  compareName,
  compareTokens,
  compareWord,
} from './comparators.js';
import { CLOSE, DIFFERENT, EXACT, FUZZY, MISSING } from './fellegi-sunter.js';
import { CONTEXT_FIELDS, PERSON_FIELD_INDEX as F, PERSON_FIELDS } from './person-model.js';
import { PairMemo } from './pair-memo.js';
import type { NormalisedCompany } from './normalise-company.js';
import type { NormalisedEmail } from './normalise-email.js';
import type { PhoneNumber } from './normalise-phone.js';
import type { PreparedRecord } from './prepare-record.js';

/** The comparison vector of two people: one level per field of `PERSON_FIELDS`. */
export interface PersonComparison {
  readonly levels: Int8Array;
  /** First and last names agreed better crosswise (one record has them swapped). */
  readonly namesSwapped: boolean;
  /** Street and address line 2 agreed better crosswise. */
  readonly addressSwapped: boolean;
  /** Both first names are written out (not initials) and are neither alike nor nicknames of each other. */
  readonly firstConflict: boolean;
  /** Both last names are present and unalike. */
  readonly lastConflict: boolean;
  /** Both records carry a generational suffix and they differ (Jr and Sr). */
  readonly generationConflict: boolean;
  /** One record carries a generational suffix and the other none: it may be the father or the son. */
  readonly generationUnsure: boolean;
  /** The national digits of the phone the two records share, or null. */
  readonly sharedPhone: string | null;
}

function compareEmail(a: PreparedRecord, b: PreparedRecord): number {
  if (a.email === null || b.email === null) return MISSING;
  if (a.email.address === b.email.address) return EXACT;
  if (a.email.local === b.email.local && a.email.local.length >= 5) return CLOSE;
  return isMistypedAddress(a.email, b.email) ? FUZZY : DIFFERENT;
}

/**
 * One typo in an address: the same local part at a domain one edit away (gmial.com). Local parts one
 * edit apart at one domain are left DIFFERENT: that is also how mail systems tell colleagues apart
 * (psmith/ssmith, john2/john3, muller/miller).
 */
function isMistypedAddress(a: NormalisedEmail, b: NormalisedEmail): boolean {
  return a.local === b.local && a.domain.length >= 5 && distance(a.domain, b.domain) <= 1;
}

/**
 * Two personal mailboxes at one company domain (sarah.spencer@ and ann.spencer@): an employer gives a
 * person one mailbox, so this is evidence of two people (FUZZY); numbered apart (deborah@ and
 * deborah2@), stronger evidence (DIFFERENT). Role inboxes (info@, sales@) are left out: a
 * person may be filed under one of those as well as under their own.
 */
function compareMailboxes(a: PreparedRecord, b: PreparedRecord, email: number): number {
  if (email !== DIFFERENT || a.email === null || b.email === null) return MISSING;
  if (a.roleMailbox || b.roleMailbox) return MISSING;
  // One typo apart could be a mistyped address as well as a colleague: no evidence either way,
  // unless the difference is a number a mail administrator added to tell two namesakes apart.
  if (oneTypoApart(a.email.local, b.email.local) && !numberedApart(a.email.local, b.email.local))
    return MISSING;
  const domain = a.email.domain;
  if (domain !== b.email.domain || a.companyDomain !== domain || b.companyDomain !== domain) return MISSING;
  return numberedApart(a.email.local, b.email.local) ? DIFFERENT : FUZZY;
}

/** One edit apart, or two neighbouring letters swapped (the commonest slip of typing: mvnacalford). */
export function oneTypoApart(a: string, b: string): boolean {
  if (distance(a, b) <= 1) return true;
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return (
    i + 1 < a.length &&
    a.charCodeAt(i) === b.charCodeAt(i + 1) &&
    a.charCodeAt(i + 1) === b.charCodeAt(i) &&
    a.slice(i + 2) === b.slice(i + 2)
  );
}

/**
 * Two local parts that differ only in a trailing number (frances_thompson / frances_thompson2,
 * deborah / deborah2): how mail systems number a second person of the same name, rarely a typo.
 */
export function numberedApart(a: string, b: string): boolean {
  const stemA = a.replace(/\d+$/, '');
  const stemB = b.replace(/\d+$/, '');
  return stemA !== '' && stemA === stemB && a !== b;
}

/** A Jr and a Sr (or II and III) are two people; only compared when both records carry a suffix. */
function compareGeneration(a: string | null, b: string | null): number {
  if (a === null || b === null) return MISSING;
  return a === b ? EXACT : DIFFERENT;
}

/**
 * The phone two records share: equal E.164 numbers, or equal national digits when one number has no
 * country (its country is then the other record's: "(415) 555-0101" meets "+1 415 555 0101"). Of the
 * two, the one typed as a mobile, if either was; a shared mobile is preferred to a shared other line.
 */
function sharedPhone(a: readonly PhoneNumber[], b: readonly PhoneNumber[]): PhoneNumber | null {
  let found: PhoneNumber | null = null;
  for (const x of a) {
    for (const y of b) {
      const same = x.e164 !== null && y.e164 !== null ? x.e164 === y.e164 : x.national === y.national;
      if (!same) continue;
      const shared = y.mobile === true ? y : x;
      if (shared.mobile === true) return shared;
      found ??= shared;
    }
  }
  return found;
}

const givenNames = new PairMemo((a, b) => compareGivenName(a, b));

/** {@link compareGivenName}, remembered: the same two given names meet again and again. */
function givenNameLevel(a: string | null, b: string | null): number {
  return a === null || b === null ? MISSING : givenNames.get(a, b);
}

/**
 * {@link compareTokens} of two employers. One company name (equal keys: the same tokens) is EXACT
 * without reading its tokens, which a bulk run holds as the key alone and would cut again per pair.
 */
function companyLevel(a: NormalisedCompany | null, b: NormalisedCompany | null): number {
  if (a === null || b === null) return MISSING;
  if (a.key === b.key && a.key !== '') return EXACT;
  return compareTokens(a.tokens, b.tokens);
}

const CONTEXT_INDEXES: readonly number[] = CONTEXT_FIELDS.map((f) => F[f]);

function rank(level: number): number {
  return level === MISSING ? 2.5 : level;
}

/**
 * Compares the fields that are evidence about the individual (email, mailbox, phone, id, names,
 * generation, date of birth) and leaves the context fields (employer, address) MISSING. Pure and
 * allocation-light: this is the part every candidate pair pays for.
 */
export function compareIndividuals(a: PreparedRecord, b: PreparedRecord, out?: Int8Array): PersonComparison {
  const levels = out ?? new Int8Array(PERSON_FIELDS.length);
  const email = compareEmail(a, b);
  levels[F.email] = email;
  levels[F.mailbox] = compareMailboxes(a, b, email);
  const phone = a.phones.length === 0 || b.phones.length === 0 ? null : sharedPhone(a.phones, b.phones);
  levels[F.phone] =
    a.phones.length === 0 || b.phones.length === 0 ? MISSING : phone !== null ? EXACT : DIFFERENT;
  levels[F.mobile] = phone?.mobile === true ? EXACT : MISSING;
  levels[F.externalId] = compareCode(a.externalId, b.externalId);
  let first = givenNameLevel(a.firstName, b.firstName);
  let last = compareName(a.lastName, b.lastName);
  let namesSwapped = false;
  if (first + last > 2 * EXACT && (first === DIFFERENT || last === DIFFERENT)) {
    const crossFirst = compareGivenName(a.firstName, b.lastName);
    const crossLast = compareName(a.lastName, b.firstName);
    if (
      crossFirst !== MISSING &&
      crossLast !== MISSING &&
      // Both names must agree crosswise: "William Davis" / "Ann Williams" is not a swap.
      crossFirst !== DIFFERENT &&
      crossLast !== DIFFERENT &&
      rank(crossFirst) + rank(crossLast) < rank(first) + rank(last)
    ) {
      first = crossFirst;
      last = crossLast;
      namesSwapped = true;
    }
  }
  levels[F.firstName] = first;
  levels[F.lastName] = last;
  levels[F.generation] = compareGeneration(a.generation, b.generation);
  const firstConflict =
    first === DIFFERENT && !namesSwapped && (a.firstName?.length ?? 0) > 1 && (b.firstName?.length ?? 0) > 1;
  for (const f of CONTEXT_INDEXES) levels[f] = MISSING;
  levels[F.dateOfBirth] = compareDate(a.dateOfBirth, b.dateOfBirth);
  return {
    levels,
    namesSwapped,
    addressSwapped: false,
    firstConflict,
    lastConflict: last === DIFFERENT,
    generationConflict: levels[F.generation] === DIFFERENT,
    generationUnsure: (a.generation === null) !== (b.generation === null),
    sharedPhone: phone?.national ?? null,
  };
}

/**
 * Completes a comparison from {@link compareIndividuals} with the context fields (employer, company
 * domain, address). Fills `individual.levels` in place and returns the whole comparison.
 */
export function compareContext(
  a: PreparedRecord,
  b: PreparedRecord,
  individual: PersonComparison,
): PersonComparison {
  const comparison = compareSetting(a, b, individual);
  comparison.levels[F.company] = compareEmployers(a, b);
  return comparison;
}

/** The agreement level of two people's employers (the costliest context field to compare). */
export function compareEmployers(a: PreparedRecord, b: PreparedRecord): number {
  return companyLevel(a.company, b.company);
}

/**
 * {@link compareContext} without the employer, whose level is left MISSING: see
 * {@link compareEmployers}. Fills `individual.levels` in place and returns the comparison.
 */
export function compareSetting(
  a: PreparedRecord,
  b: PreparedRecord,
  individual: PersonComparison,
): PersonComparison {
  const levels = individual.levels;
  levels[F.company] = MISSING;
  levels[F.companyDomain] = compareExact(a.companyDomain, b.companyDomain);
  levels[F.streetNumber] = compareCode(a.streetNumber, b.streetNumber);
  let street = compareTokens(a.street, b.street);
  let address2 = compareTokens(a.address2, b.address2);
  let addressSwapped = false;
  if (street === DIFFERENT || address2 === DIFFERENT) {
    const crossStreet = compareTokens(a.street, b.address2);
    const crossAddress2 = compareTokens(a.address2, b.street);
    if (rank(crossStreet) + rank(crossAddress2) < rank(street) + rank(address2)) {
      street = crossStreet;
      address2 = crossAddress2;
      addressSwapped = true;
    }
  }
  levels[F.street] = street;
  levels[F.address2] = address2;
  levels[F.city] = compareWord(a.city, b.city);
  levels[F.postcode] = compareCode(a.postcode, b.postcode);
  levels[F.state] = compareState(a.state, b.state);
  return addressSwapped ? { ...individual, addressSwapped } : individual;
}

/** Compares two prepared people field by field (pure, allocation-light: runs millions of times). */
export function comparePeople(a: PreparedRecord, b: PreparedRecord, out?: Int8Array): PersonComparison {
  return compareContext(a, b, compareIndividuals(a, b, out));
}

/** States and regions: exact, or CLOSE for a transposed abbreviation (nsw / nws). */
function compareState(a: string | null, b: string | null): number {
  const level = compareExact(a, b);
  if (level !== DIFFERENT || a === null || b === null) return level;
  return a.length <= 4 && sameLetters(a, b) ? CLOSE : compareWord(a, b) === CLOSE ? CLOSE : DIFFERENT;
}

/** The same letters in another order (short codes only; no allocation: this runs per candidate pair). */
function sameLetters(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    let inA = 0;
    let inB = 0;
    for (let k = 0; k < a.length; k++) {
      if (a.charCodeAt(k) === c) inA++;
      if (b.charCodeAt(k) === c) inB++;
    }
    if (inA !== inB) return false;
  }
  return true;
}
