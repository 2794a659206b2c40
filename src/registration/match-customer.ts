/** Who a registration or opportunity is for. */
export interface CustomerKey {
  readonly company: string | null;
  readonly domain: string | null;
}

export interface CompanyMatch {
  /** 0–1. */
  readonly score: number;
  readonly reason: string;
}

/** The duplicate matcher's company comparator plugs in here. */
export type CompanyMatcher = (a: string, b: string) => CompanyMatch;

export interface CustomerMatch extends CompanyMatch {
  readonly via: 'domain' | 'company' | 'none';
}

const LEGAL_SUFFIXES = new Set(
  'inc incorporated llc llp lp ltd limited corp corporation co company gmbh ag kg sa sas sarl srl spa bv nv plc pty oy ab as aps kk'.split(
    ' ',
  ),
);

/** Lower case, no diacritics or punctuation, & → and, no leading "the", no trailing legal suffixes. */
export function normalizeCompanyName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

/** Default matcher: normalised names equal → 1, otherwise 0. */
export const defaultMatchCompany: CompanyMatcher = (a, b) => {
  const na = normalizeCompanyName(a);
  const nb = normalizeCompanyName(b);
  return na !== '' && na === nb
    ? { score: 1, reason: `same company name "${na}"` }
    : { score: 0, reason: `company names differ ("${na}" vs "${nb}")` };
};

/** "https://www.Acme.com/x" or "bob@acme.com" → "acme.com"; empty → null. */
export function normalizeDomain(value: string | null): string | null {
  if (value === null) return null;
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^.*@/, '')
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/:?#].*$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  return host.includes('.') ? host : null;
}

/** Same domain (never a free-mail one) → 1; otherwise the company matcher's score. */
export function matchCustomer(
  a: CustomerKey,
  b: CustomerKey,
  matchCompany: CompanyMatcher,
  freeMailDomains: readonly string[],
): CustomerMatch {
  const da = normalizeDomain(a.domain);
  const db = normalizeDomain(b.domain);
  if (da !== null && da === db && !freeMailDomains.includes(da)) {
    return { score: 1, reason: `same domain ${da}`, via: 'domain' };
  }
  if (a.company !== null && b.company !== null)
    return { ...matchCompany(a.company, b.company), via: 'company' };
  return { score: 0, reason: 'no common domain or company', via: 'none' };
}
