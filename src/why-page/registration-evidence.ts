import type { DealRegistration, Opportunity } from '../domain/entities.js';
import type { Conflict } from '../registration/review-context.js';
import type { RuleCheck } from '../registration/rule-check.js';
import { day } from './format.js';

/** Names and records the sentences refer to, resolved by the caller. */
export interface EvidenceNames {
  readonly partner: (id: string | null) => string;
  readonly registrations: ReadonlyMap<string, DealRegistration>;
  readonly opportunities: ReadonlyMap<string, Opportunity>;
}

function matchedBy(c: Conflict, customerDomain: string | null): string {
  if (c.via === 'domain')
    return customerDomain === null ? ' (same company domain)' : ` (same company domain ${customerDomain})`;
  return c.via === 'company' ? ' (the company names match)' : '';
}

/** One conflict as a sentence, naming partners and dates, never a record id. */
export function conflictSentence(c: Conflict, reg: DealRegistration, names: EvidenceNames): string {
  const customer = reg.customerCompany;
  const other = names.registrations.get(c.recordId);
  const on = other === undefined ? '' : `, on ${day(other.submittedAt)}`;
  const by = names.partner(c.partnerId);
  let text: string;
  switch (c.kind) {
    case 'protected_registration': {
      const until = other?.expiresOn ?? null;
      text = `${by} registered ${customer} first${on}${until === null ? '' : `; that registration protects it until ${day(until)}`}`;
      break;
    }
    case 'earlier_pending_registration':
      text = `${by} registered ${customer} earlier${on}, and that registration is still being reviewed`;
      break;
    case 'duplicate_registration':
      text = `${by} had already registered ${customer}${on}`;
      break;
    case 'open_opportunity': {
      const opp = names.opportunities.get(c.recordId);
      text = `${customer} already had an open opportunity${opp === undefined ? '' : `, created ${day(opp.createdAt)}`}`;
      break;
    }
  }
  const prefix = c.severity === 'ambiguous' ? 'Possible conflict: ' : '';
  return `${prefix}${text}${matchedBy(c, reg.customerDomain)}.`;
}

const RULES: Readonly<Record<RuleCheck['rule'], readonly [passed: string, failed: string]>> = {
  partner_known: ['The partner is known', 'The partner is not known yet'],
  partner_active: ['The partner is active', 'The partner is not active'],
  tier: ['The partner’s tier is approved automatically', 'The partner’s tier is not approved automatically'],
  min_amount: [
    'The amount meets the minimum',
    'The amount is below the minimum for automatic approval (or missing)',
  ],
  max_amount: [
    'The amount is within the automatic approval limit',
    'The amount is above the automatic approval limit (or missing)',
  ],
  territory: ['The territory is approved automatically', 'The territory is not approved automatically'],
  partner_territory: ['The territory is one of the partner’s', 'The territory is not one of the partner’s'],
};

/** A rule check as a sentence: what passed, or what failed and what that did. */
export function ruleSentence(check: RuleCheck): string {
  const [passed, failed] = RULES[check.rule];
  if (check.passed) return `${passed}.`;
  const outcome = check.outcome === 'rejected' ? 'rejected' : 'sent to review';
  return `${failed}: ${outcome}.`;
}
