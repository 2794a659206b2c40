import { foldText } from './fold-text.js';

/** Generational suffixes as written, folded → one canonical form. */
const GENERATIONS: Readonly<Record<string, string>> = {
  jr: 'jr',
  junior: 'jr',
  sr: 'sr',
  senior: 'sr',
  ii: 'ii',
  '2nd': 'ii',
  iii: 'iii',
  '3rd': 'iii',
  iv: 'iv',
  '4th': 'iv',
};

/**
 * The generational suffix of a person ("jr", "sr", "ii" …): from a Suffix field, else from the end of
 * the last name ("Smith Jr."). A father and a son share a name and often an address; the suffix is
 * what tells them apart. Null when none is written.
 */
export function nameGeneration(
  suffix: string | null | undefined,
  lastName: string | null | undefined,
): string | null {
  if (suffix != null) {
    const folded = foldText(suffix);
    const found = GENERATIONS[folded.split(' ')[0] ?? ''];
    if (found !== undefined) return found;
  }
  if (lastName == null) return null;
  const words = foldText(lastName).split(' ');
  if (words.length < 2) return null;
  return GENERATIONS[words.at(-1) ?? ''] ?? null;
}
