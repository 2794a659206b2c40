import { foldWords } from './fold-text.js';

const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'herr',
  'frau',
  'mme',
  'mlle',
  'sr',
  'sra',
  'srta',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'mba', 'cpa']);

/**
 * Normalises a personal name part: case, diacritics (José → jose), apostrophes (O'Brien → obrien),
 * hyphens and repeated spaces (Smith-Jones → smith jones), titles and generational suffixes.
 * Returns null when nothing is left.
 */
export function normaliseName(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const tokens = foldWords(raw).split(' ');
  let start = 0;
  let end = tokens.length;
  while (end - start > 1 && TITLES.has(tokens[start] ?? '')) start++;
  while (end - start > 1 && SUFFIXES.has(tokens[end - 1] ?? '')) end--;
  const name = tokens.slice(start, end).join(' ');
  return name === '' ? null : name;
}

/** A name without spaces, so "Mac Donald" and "MacDonald" compare equal. */
export function compactName(name: string): string {
  return name.replaceAll(' ', '');
}
