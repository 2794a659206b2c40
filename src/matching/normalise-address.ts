import { foldWords } from './fold-text.js';

/** Street-type and unit abbreviations expanded, so "12 Smith St." equals "12 smith street". */
const STREET_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    st: 'street',
    str: 'strasse',
    rd: 'road',
    ave: 'avenue',
    av: 'avenue',
    blvd: 'boulevard',
    dr: 'drive',
    ln: 'lane',
    ct: 'court',
    cres: 'crescent',
    cr: 'crescent',
    pl: 'place',
    sq: 'square',
    hwy: 'highway',
    pde: 'parade',
    tce: 'terrace',
    cct: 'circuit',
    cl: 'close',
    gr: 'grove',
    pkwy: 'parkway',
    ste: 'suite',
    apt: 'apartment',
    fl: 'floor',
    bldg: 'building',
    n: 'north',
    s: 'south',
    e: 'east',
    w: 'west',
    mt: 'mount',
    ft: 'fort',
    'st.': 'saint',
    u: 'unit',
  }),
);

const NO_TOKENS: readonly string[] = Object.freeze([]);

/** Tokens of an address line, folded, with street words expanded; empty for a missing value. */
export function normaliseAddress(raw: string | null | undefined): readonly string[] {
  if (raw == null) return NO_TOKENS;
  const folded = foldWords(raw);
  if (folded === '') return NO_TOKENS;
  return folded.split(' ').map((t) => STREET_WORDS.get(t) ?? t);
}

/** A postcode without spaces, upper-case ("sw1a 1aa" → "SW1A1AA"); null when empty. */
export function normalisePostcode(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const compact = raw.replace(/[\s-]/g, '').toUpperCase();
  return compact === '' ? null : compact;
}
