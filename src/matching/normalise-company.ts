import { foldWords } from './fold-text.js';
import { LEGAL_SUFFIXES } from './legal-suffixes.js';

/** A company name reduced to what identifies it. */
export interface NormalisedCompany {
  /** Tokens without legal form, leading "the", with & → and and abbreviations expanded. */
  readonly tokens: readonly string[];
  /** `tokens` joined by one space: equal keys mean the same company name. */
  readonly key: string;
}

/** Common abbreviations in company names, expanded so both spellings compare equal. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    intl: 'international',
    int: 'international',
    natl: 'national',
    mfg: 'manufacturing',
    mfr: 'manufacturing',
    svc: 'services',
    svcs: 'services',
    serv: 'services',
    tech: 'technologies',
    technology: 'technologies',
    sys: 'systems',
    sol: 'solutions',
    solns: 'solutions',
    assoc: 'associates',
    assocs: 'associates',
    bros: 'brothers',
    grp: 'group',
    hldgs: 'holdings',
    hldg: 'holdings',
    holding: 'holdings',
    mgmt: 'management',
    mgt: 'management',
    dev: 'development',
    univ: 'university',
    inst: 'institute',
    ctr: 'center',
    centre: 'center',
    dept: 'department',
    eng: 'engineering',
    engg: 'engineering',
    ent: 'enterprises',
    labs: 'laboratories',
    lab: 'laboratories',
    mktg: 'marketing',
    comm: 'communications',
    comms: 'communications',
    '+': 'and',
    und: 'and',
    et: 'and',
    y: 'and',
  }),
);

/** Legal-form phrases grouped by their last word, longest first, so stripping is one map lookup per pass. */
const SUFFIXES_BY_LAST_WORD: ReadonlyMap<string, readonly (readonly string[])[]> = (() => {
  const map = new Map<string, string[][]>();
  for (const phrase of new Set(LEGAL_SUFFIXES)) {
    const words = phrase.split(' ');
    const last = words.at(-1) ?? '';
    map.set(last, [...(map.get(last) ?? []), words]);
  }
  for (const list of map.values()) list.sort((a, b) => b.length - a.length);
  return map;
})();

/**
 * Values entered when the company is unknown (Salesforce Web-to-Lead writes "[not provided]" because
 * Company is required on a Lead). They name no company, so they are never company evidence.
 */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'not provided',
  'not applicable',
  'n a',
  'na',
  'none',
  'unknown',
  'no company',
  'individual',
  'private',
  'self',
  'self employed',
  'personal',
  'home',
  'test',
]);

const LEADING_ARTICLES = new Set(['the', 'die', 'der', 'la', 'le', 'les']);

function endsWith(tokens: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length >= tokens.length) return false;
  const offset = tokens.length - phrase.length;
  return phrase.every((word, i) => tokens[offset + i] === word);
}

/**
 * Normalises a company name: case, diacritics, punctuation, `&`/`and`, a leading article, legal forms
 * in many languages (Inc, GmbH, S.p.A., Pty Ltd, KK, Oy, AB …) and common abbreviations.
 * "The Acme Co., Inc." → `acme`; "Müller & Söhne GmbH" → `muller and sohne`.
 */
export function normaliseCompany(raw: string | null | undefined): NormalisedCompany | null {
  if (raw == null) return null;
  const folded = foldWords(raw.replaceAll('&', ' and ').replaceAll('+', ' and '));
  if (folded === '' || PLACEHOLDERS.has(folded)) return null;
  let tokens = folded.split(' ').map((t) => ABBREVIATIONS.get(t) ?? t);
  let changed = true;
  while (changed) {
    changed = false;
    for (const phrase of SUFFIXES_BY_LAST_WORD.get(tokens.at(-1) ?? '') ?? []) {
      if (endsWith(tokens, phrase)) {
        tokens = tokens.slice(0, tokens.length - phrase.length);
        changed = true;
        break;
      }
    }
    if (tokens.length > 1 && tokens.at(-1) === 'and') {
      tokens = tokens.slice(0, -1);
      changed = true;
    }
  }
  if (tokens.length > 1 && LEADING_ARTICLES.has(tokens[0] ?? '')) tokens = tokens.slice(1);
  return { tokens, key: tokens.join(' ') };
}
