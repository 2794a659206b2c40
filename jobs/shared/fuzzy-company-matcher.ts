import { matchCustomer } from '../../src/matching/match-customer.js';
import type { CompanyMatcher } from '../../src/registration/index.js';

/**
 * The duplicate matcher's company comparison (normalised names, legal suffixes in many languages,
 * fuzzy token similarity) in the shape the registration engine injects. Domains are compared by the
 * registration engine itself, so only names are passed here.
 */
export const fuzzyCompanyMatcher: CompanyMatcher = (a, b) => {
  const m = matchCustomer({ name: a, domain: null }, { name: b, domain: null });
  return {
    score: m.score,
    reason: m.reasons.length > 0 ? m.reasons.join('; ') : `company names differ (${a} / ${b})`,
  };
};
