import type { Account, DealRegistration, Opportunity } from '../domain/entities.js';
import { checkTransition, refuse } from './check-transition.js';
import { matchCustomer, type CompanyMatcher } from './match-customer.js';
import type { TransitionDone, TransitionRefused } from './registration-decision.js';
import { defaultRegistrationRules, type RegistrationRules } from './registration-rules.js';
import { utcDate } from './utc-date.js';
import { convertedWords } from '../explain/rep-words/index.js';

export interface ConversionContext {
  /** The opportunity's account (its name and domain identify the customer). */
  readonly account: Account | null;
  readonly matchCompany: CompanyMatcher;
  readonly rules?: RegistrationRules;
}

/**
 * Converts an approved registration into an opportunity for the same customer (customer match at or
 * above `conflictScore`) created inside the protection window: from the registration's submission
 * (inclusive) through its `expiresOn` UTC day (inclusive). Converting again into the same opportunity
 * is a no-op (`changed: false`).
 */
export function convertRegistration(
  registration: DealRegistration,
  opportunity: Opportunity,
  context: ConversionContext,
): TransitionDone | TransitionRefused {
  if (registration.status === 'converted' && registration.opportunityId === opportunity.id) {
    return { ok: true, changed: false, registration, reason: registration.reason ?? 'Already converted' };
  }
  const illegal = checkTransition(registration, 'converted');
  if (illegal !== null) return illegal;

  const rules = context.rules ?? defaultRegistrationRules;
  const account = context.account;
  const match =
    account === null
      ? { score: 0, reason: 'the opportunity has no account', via: 'none' as const }
      : matchCustomer(
          {
            company: registration.customerCompany,
            domain: registration.customerDomain ?? registration.contactEmail,
          },
          { company: account.name, domain: account.domain ?? account.website },
          context.matchCompany,
          rules.freeMailDomains,
        );
  if (match.score < rules.companyMatch.conflictScore) {
    return refuse(
      registration,
      'converted',
      'different_customer',
      `Opportunity ${opportunity.id} is not for ${registration.customerCompany}: ${match.reason}`,
    );
  }
  const created = opportunity.createdAt;
  const until = registration.expiresOn;
  if (
    Date.parse(created) < Date.parse(registration.submittedAt) ||
    (until !== null && utcDate(created) > until)
  ) {
    const window = `${utcDate(registration.submittedAt)} to ${until ?? 'open end'}`;
    return refuse(
      registration,
      'converted',
      'outside_window',
      `Opportunity ${opportunity.id} was created ${utcDate(created)}, outside the protection window ${window}`,
    );
  }
  const reason = convertedWords(opportunity.name, created);
  return {
    ok: true,
    changed: true,
    reason,
    registration: { ...registration, status: 'converted', opportunityId: opportunity.id, reason },
  };
}
