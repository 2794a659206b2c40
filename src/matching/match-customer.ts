import { multiWordSimilarity } from './comparators.js';
import { isFreeMailDomain } from './free-mail-domains.js';
import { normaliseCompany } from './normalise-company.js';
import { normaliseDomain } from './normalise-domain.js';

/** A company as seen by a registration, an account or an opportunity's account. */
export interface CustomerRef {
  readonly name: string | null;
  /** A domain, website URL or email address; free-mail domains are ignored. */
  readonly domain: string | null;
}

export interface CustomerMatch {
  /** 1 for the same company domain, 0.97 for equal normalised names, else the name similarity. */
  readonly score: number;
  readonly reasons: readonly string[];
}

function companyDomain(raw: string | null): string | null {
  const domain = normaliseDomain(raw);
  return domain !== null && !isFreeMailDomain(domain) ? domain : null;
}

/**
 * Whether two references name the same customer, domain first (account↔account and registration
 * checks): the same non-free-mail domain is conclusive; otherwise normalised names ("Acme Inc" = "ACME",
 * "Müller GmbH" = "Muller AG") and then fuzzy name similarity. Symmetric and pure.
 */
export function matchCustomer(a: CustomerRef, b: CustomerRef): CustomerMatch {
  const da = companyDomain(a.domain);
  const db = companyDomain(b.domain);
  const na = normaliseCompany(a.name);
  const nb = normaliseCompany(b.name);
  const reasons: string[] = [];
  let score = 0;
  if (da !== null && da === db) {
    score = 1;
    reasons.push(`same domain ${da}`);
  }
  if (na !== null && nb !== null && na.key !== '' && nb.key !== '') {
    const sim = na.key === nb.key ? 1 : multiWordSimilarity(na.tokens, nb.tokens);
    const left = (a.name ?? '').trim();
    const right = (b.name ?? '').trim();
    if (sim === 1) {
      score = Math.max(score, 0.97);
      reasons.push(left === right ? `same company ${left}` : `company ${left} = ${right}`);
    } else if (sim >= 0.85) {
      score = Math.max(score, sim * 0.9);
      reasons.push(`company ${left} ≈ ${right} ${sim.toFixed(2)}`);
    }
  }
  if (da !== null && db !== null && da !== db) {
    score = Math.min(score, 0.8);
    if (reasons.length > 0) reasons.push(`but different domains ${da} / ${db}`);
  }
  return { score, reasons };
}
