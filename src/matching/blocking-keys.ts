import { formalNames } from './nicknames.js';
import { compactName } from './normalise-name.js';
import { phoneticKey } from './phonetic-key.js';
import type { PreparedRecord } from './prepare-record.js';

/**
 * Blocking-key kinds. `strong` keys (email, phone, external id) identify a person on their own and are
 * never dropped for being frequent; the others are recall keys and may be windowed or skipped when a
 * block grows too large (a "stop key" such as a very common name).
 */
export const STRONG_KEY_PREFIXES = ['e:', 'p:', 'x:'] as const;

export function isStrongKey(key: string): boolean {
  return STRONG_KEY_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/**
 * Name-only keys (the phonetic name pair): a pair brought together by a common name alone ("John
 * Smith") almost never reaches a threshold on its names, so a large block of them is read as sorted
 * neighbours only (see `candidatePairs`), while records sharing an email, phone or employer meet
 * through those keys anyway.
 */
export function isNameOnlyKey(key: string): boolean {
  return key.startsWith('n:');
}

/**
 * The blocking keys of a record: two records become candidates when they share one. Multi-pass so a
 * typo in any single field still leaves a shared key:
 * email · phone national digits (so a number written without its country meets the same number written
 * internationally) · external id (and its halves, to survive one typo) · company domain + phonetic
 * surname · company key + phonetic surname (Smith/Smyth at Globex meet whatever their first names) ·
 * phonetic name pair (order-free, so swapped first/last names meet) · the same with the formal name of
 * a nickname (Bob Smith meets Robert Smith) · company + phonetic given name (also its formal name) · either phonetic name with date of birth, postcode or street ·
 * date of birth with postcode or street number · street number + postcode · a sorted-neighbourhood-like
 * name prefix key (surname 3 letters, given name 2, birth year; only with a birth date, else too coarse).
 */
export function blockingKeys(r: PreparedRecord): string[] {
  const keys: string[] = [];
  const first = r.firstPhonetic;
  const last = r.lastPhonetic;
  const dob = r.dateOfBirth?.text ?? '';
  // Postcode digits sorted, so a transposed postcode (3718 / 3178) still shares keys.
  const post = r.postcode === null ? '' : Array.from(r.postcode).sort().join('');
  if (r.email !== null) keys.push(`e:${r.email.address}`);
  for (const phone of r.phones) keys.push(`p:${phone.national}`);
  if (r.externalId !== null) {
    keys.push(`x:${r.externalId}`);
    if (r.externalId.length >= 6) {
      const half = Math.floor(r.externalId.length / 2);
      keys.push(`xh:${r.externalId.slice(0, half)}`, `xt:${r.externalId.slice(half)}`);
    }
  }
  if (r.companyDomain !== null && last !== '') keys.push(`d:${r.companyDomain}:${last}`);
  if (r.company !== null && r.company.key !== '' && last !== '') keys.push(`c:${r.company.key}:${last}`);
  if (first !== '' && last !== '') keys.push(`n:${first < last ? `${first}:${last}` : `${last}:${first}`}`);
  const formals =
    r.firstName === null ? [] : formalNames(r.firstName).map((f) => phoneticKey(compactName(f)));
  if (last !== '') {
    for (const code of formals)
      if (code !== first) keys.push(`n:${code < last ? `${code}:${last}` : `${last}:${code}`}`);
  }
  // Company + given name (as its formal name when it is a nickname): a mistyped surname at one
  // employer still meets.
  if (r.company !== null && r.company.key !== '' && first !== '') {
    for (const code of new Set([first, ...formals])) keys.push(`cf:${r.company.key}:${code}`);
  }
  // Name keys below use either name, so records whose first and last names are swapped still meet.
  const names = [first, last].filter((code) => code !== '');
  const street = r.street.join('').slice(0, 6);
  for (const name of names) {
    if (dob !== '') keys.push(`nd:${name}:${dob}`);
    if (post !== '') keys.push(`np:${name}:${post}`);
    if (street !== '') keys.push(`ns:${name}:${street}`);
  }
  if (dob !== '') {
    if (post !== '') keys.push(`dp:${dob}:${post}`);
    if (r.streetNumber !== null) keys.push(`ds:${dob}:${r.streetNumber}`);
  }
  if (post !== '' && r.streetNumber !== null) keys.push(`sp:${r.streetNumber}:${post}`);
  if (r.lastName !== null && r.firstName !== null && dob !== '') {
    keys.push(
      `sn:${r.lastName.replaceAll(' ', '').slice(0, 3)}:${r.firstName.slice(0, 2)}:${dob.slice(0, 4)}`,
    );
  }
  return keys;
}
