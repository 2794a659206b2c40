import { normaliseDomain } from '../matching/normalise-domain.js';

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

/**
 * Compares two company names. Required wherever registrations are matched to customers, so every
 * caller decides how fuzzy a company match is (the service injects the duplicate matcher's
 * comparison); scores are read against the configured `companyMatch` thresholds.
 */
export type CompanyMatcher = (a: string, b: string) => CompanyMatch;

export interface CustomerMatch extends CompanyMatch {
  readonly via: 'domain' | 'company' | 'none';
}

/** Same domain (never a free-mail one) → 1; otherwise the company matcher's score. */
export function matchCustomer(
  a: CustomerKey,
  b: CustomerKey,
  matchCompany: CompanyMatcher,
  freeMailDomains: readonly string[],
): CustomerMatch {
  const da = normaliseDomain(a.domain);
  const db = normaliseDomain(b.domain);
  if (da !== null && da === db && !freeMailDomains.includes(da)) {
    return { score: 1, reason: `same domain ${da}`, via: 'domain' };
  }
  if (a.company !== null && b.company !== null)
    return { ...matchCompany(a.company, b.company), via: 'company' };
  return { score: 0, reason: 'no common domain or company', via: 'none' };
}
