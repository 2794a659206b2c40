/**
 * Folds text to lower-case ASCII letters, digits and single spaces: diacritics removed (é → e),
 * letters that do not decompose mapped by hand (ß → ss, ø → o, ł → l …), everything else a space.
 * The shared first step of every normaliser.
 */

const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
  ŋ: 'n',
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SPECIALS = /[ßẞæÆœŒøØłŁđĐðÐþÞıŋ]/g;
const NOT_WORD = /[^a-z0-9]+/g;

/** Lower-case, diacritic-free, punctuation collapsed to single spaces, trimmed. */
const PLAIN = /^[a-z0-9 ]*$/;

export function foldText(raw: string): string {
  const lower = raw.toLowerCase();
  if (PLAIN.test(lower))
    return lower.includes('  ') || lower.startsWith(' ') || lower.endsWith(' ')
      ? lower.replace(/ +/g, ' ').trim()
      : lower;
  return raw
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(SPECIALS, (ch) => SPECIAL_LETTERS[ch] ?? ch)
    .toLowerCase()
    .replace(NOT_WORD, ' ')
    .trim();
}

/** Characters the two rewrites of {@link foldWords} act on; most values hold none, and skip both. */
const WORD_PUNCTUATION = /['’.]/;

/** Like {@link foldText} but removes apostrophes and dots inside words first (O'Brien → obrien, S.p.A. → spa). */
export function foldWords(raw: string): string {
  if (!WORD_PUNCTUATION.test(raw)) return foldText(raw);
  return foldText(raw.replace(/(?<=\p{L})['’.](?=\p{L})/gu, '').replace(/(?<=\p{L})\.(?=\s|$)/gu, ''));
}
