import type { Account } from '../domain/entities.js';
import { countryCode } from './country-code.js';
import { DEFAULT_THRESHOLDS, decide } from './decide.js';
import type { Decision, Thresholds } from './decide.js';
import { foldText } from './fold-text.js';
import { matchCustomer } from './match-customer.js';
import { normalisePhone } from './normalise-phone.js';

export interface AccountMatch {
  readonly leftId: string;
  readonly rightId: string;
  readonly score: number;
  readonly decision: Decision;
  readonly reasons: readonly string[];
}

/**
 * account↔account, domain-centric: the customer match (domain, then normalised name) adjusted by
 * phone, city and country. A name-only match in a different country is only "possible".
 */
export function matchAccounts(
  x: Account,
  y: Account,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): AccountMatch {
  const [a, b] = x.id <= y.id ? [x, y] : [y, x];
  const customer = matchCustomer(
    { name: a.name, domain: a.domain ?? a.website },
    { name: b.name, domain: b.domain ?? b.website },
  );
  const reasons = [...customer.reasons];
  let score = customer.score;
  const ca = countryCode(a.country);
  const cb = countryCode(b.country);
  const pa = normalisePhone(a.phone, ca);
  const pb = normalisePhone(b.phone, cb);
  if (pa !== null && pa === pb) {
    score = Math.max(score, Math.min(1, score + 0.1));
    reasons.push('same phone');
  }
  if (a.city !== null && b.city !== null && foldText(a.city) === foldText(b.city) && score > 0) {
    score = Math.min(1, score + 0.02);
    reasons.push(`same city ${a.city.trim()}`);
  }
  if (ca !== null && cb !== null && ca !== cb && customer.score < 1) {
    score = Math.min(score, thresholds.duplicate - 0.01);
    reasons.push(`but different countries ${ca} / ${cb}`);
  }
  return { leftId: a.id, rightId: b.id, score, decision: decide(score, thresholds), reasons };
}
