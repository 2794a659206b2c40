import { distance } from 'fastest-levenshtein';

import { CLOSE, DIFFERENT, EXACT, FUZZY, MISSING } from './fellegi-sunter.js';
import { jaroWinkler } from './jaro-winkler.js';
import type { DateParts } from './normalise-date.js';
import { areNicknames, formalNames } from './nicknames.js';
import { soundAlike } from './phonetic-key.js';
import { tokenSetSimilarity } from './token-set-similarity.js';

/**
 * Field comparators. Each returns an agreement level (EXACT, CLOSE, FUZZY, DIFFERENT, or MISSING when
 * either side is empty); the similarity behind it is recomputed only when a reason is written.
 */

/** Exact comparison of already-normalised values. */
export function compareExact(a: string | null, b: string | null): number {
  if (a === null || b === null) return MISSING;
  return a === b ? EXACT : DIFFERENT;
}

/** Exact, or CLOSE when one edit apart (a typo in a code, number or id). */
export function compareCode(a: string | null, b: string | null): number {
  if (a === null || b === null) return MISSING;
  if (a === b) return EXACT;
  if (Math.abs(a.length - b.length) > 1) return DIFFERENT;
  if (distance(a, b) <= 1) return CLOSE;
  return isAdjacentSwap(a, b) ? CLOSE : DIFFERENT;
}

function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Similarity of two folded names: 1 for equal (spaces ignored), else Jaro–Winkler. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ca = a.replaceAll(' ', '');
  const cb = b.replaceAll(' ', '');
  return ca === cb ? 1 : jaroWinkler(ca, cb);
}

/** Given names: exact; CLOSE for a nickname (Bob ≈ Robert) or JW ≥ 0.92; FUZZY for JW ≥ 0.8, sound-alike or an initial. */
export function compareGivenName(a: string | null, b: string | null): number {
  if (a === null || b === null) return MISSING;
  const sim = nameSimilarity(a, b);
  if (sim === 1) return EXACT;
  if (sim >= 0.92 || areNicknames(a, b)) return CLOSE;
  if (sim >= 0.8 || soundAlike(a, b)) return FUZZY;
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return FUZZY;
  return mistypedNickname(a, b) || mistypedNickname(b, a) ? FUZZY : DIFFERENT;
}

/** A nickname written with a typo ("Jamees" for James, as Jimmy's formal name). */
function mistypedNickname(a: string, b: string): boolean {
  return formalNames(a).some((formal) => formal !== a && jaroWinkler(formal, b) >= 0.92);
}

/** Surnames and other single names: exact; CLOSE for JW ≥ 0.92; FUZZY for JW ≥ 0.8 or sound-alike. */
export function compareName(a: string | null, b: string | null): number {
  if (a === null || b === null) return MISSING;
  const sim = nameSimilarity(a, b);
  if (sim === 1) return EXACT;
  if (sim >= 0.92) return CLOSE;
  if (sim >= 0.8 || soundAlike(a, b)) return FUZZY;
  return DIFFERENT;
}

/**
 * Similarity of multi-word values: the better of token-set similarity (word order free) and
 * Jaro–Winkler on the words run together (survives split or joined words: "copland drive" / "coplanddrive").
 */
export function multiWordSimilarity(a: readonly string[], b: readonly string[]): number {
  const joinedA = a.join('');
  const joinedB = b.join('');
  if (joinedA === joinedB) return 1;
  return Math.max(tokenSetSimilarity(a, b), jaroWinkler(joinedA, joinedB));
}

/** Multi-word values (street lines, company names): {@link multiWordSimilarity} ≥ 0.9 CLOSE, ≥ 0.8 FUZZY. */
export function compareTokens(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return MISSING;
  if (a.length === b.length && a.every((t, i) => t === b[i])) return EXACT;
  const sim = multiWordSimilarity(a, b);
  if (sim >= 0.999) return EXACT;
  if (sim >= 0.9) return CLOSE;
  if (sim >= 0.8) return FUZZY;
  return DIFFERENT;
}

/** Short single-word values such as a city or a state: JW ≥ 0.92 CLOSE, ≥ 0.85 FUZZY. */
export function compareWord(a: string | null, b: string | null): number {
  if (a === null || b === null) return MISSING;
  if (a === b) return EXACT;
  const sim = nameSimilarity(a, b);
  if (sim === 1) return EXACT;
  if (sim >= 0.92) return CLOSE;
  if (sim >= 0.85) return FUZZY;
  return DIFFERENT;
}

/** Numbers: exact, CLOSE within `closeWithin` (relative), FUZZY within `fuzzyWithin`. */
export function compareNumber(
  a: number | null,
  b: number | null,
  closeWithin = 0.05,
  fuzzyWithin = 0.2,
): number {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return MISSING;
  if (a === b) return EXACT;
  const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  if (rel <= closeWithin) return CLOSE;
  return rel <= fuzzyWithin ? FUZZY : DIFFERENT;
}

/**
 * Dates: exact; CLOSE when exactly one of year/month/day differs, or day and month are swapped;
 * FUZZY when the `YYYYMMDD` texts are two edits apart; else DIFFERENT.
 */
export function compareDate(a: DateParts | null, b: DateParts | null): number {
  if (a === null || b === null) return MISSING;
  if (a.text === b.text) return EXACT;
  const same = Number(a.year === b.year) + Number(a.month === b.month) + Number(a.day === b.day);
  if (same === 2) return CLOSE;
  if (a.year === b.year && a.month === b.day && a.day === b.month) return CLOSE;
  return distance(a.text, b.text) <= 2 ? FUZZY : DIFFERENT;
}
