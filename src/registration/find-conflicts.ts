import type { DealRegistration, Opportunity } from '../domain/entities.js';
import { matchCustomer, type CustomerKey, type CustomerMatch } from './match-customer.js';
import type { Conflict, ConflictKind, ReviewContext } from './review-context.js';
import type { RegistrationRules } from './registration-rules.js';
import { utcDate } from './utc-date.js';
import {
  approvedLaterWords,
  customerMatchWords,
  earlierPendingWords,
  openOpportunityWords,
  registeredFirstWords,
  samePartnerWords,
} from '../explain/rep-words/index.js';

/**
 * Conflicts for the same customer (domain, or company by the injected matcher):
 * (a) an open opportunity that already existed when the registration was submitted (CRM timestamps:
 * created before `submittedAt`; one created at or after it converts the registration instead); (b) another partner's approved, unexpired registration — first come is
 * protected, so one submitted later than ours is only ambiguous, and another partner's earlier one
 * still awaiting a decision is ambiguous; (c) the same partner's live registration (duplicate).
 * A match at or above `conflictScore` is hard, between `reviewScore` and it ambiguous.
 */
export function findConflicts(
  registration: DealRegistration,
  context: ReviewContext,
  rules: RegistrationRules,
  now: string,
): Conflict[] {
  const { matchCompany } = context;
  const { conflictScore, reviewScore } = rules.companyMatch;
  const today = utcDate(now);
  const customer = keyOf(registration);
  // A reason a rep reads never shows a record id: an unknown partner is "another partner".
  const name = (id: string) => context.partners?.find((p) => p.id === id)?.name ?? 'another partner';
  const conflicts: Conflict[] = [];

  const add = (
    kind: ConflictKind,
    recordId: string,
    partnerId: string | null,
    m: CustomerMatch,
    what: string,
  ) => {
    if (m.score < reviewScore) return;
    const forced = kind === 'earlier_pending_registration' || kindIsSoft(kind, rules);
    const severity = m.score >= conflictScore && !forced ? 'hard' : 'ambiguous';
    const how = customerMatchWords({ via: m.via, score: m.score, domain: domainOf(m), detail: m.reason });
    conflicts.push({
      kind,
      recordId,
      partnerId,
      score: m.score,
      via: m.via,
      severity,
      reason: `${what} (${how})`,
    });
  };

  for (const opp of context.opportunities) {
    if (opp.isClosed || !existedBefore(opp, registration)) continue;
    const account = context.accounts.find((a) => a.id === opp.accountId);
    if (account === undefined) continue;
    const m = matchCustomer(
      customer,
      { company: account.name, domain: account.domain ?? account.website },
      matchCompany,
      rules.freeMailDomains,
    );
    add('open_opportunity', opp.id, null, m, openOpportunityWords(account.name, opp.name, opp.createdAt));
  }

  for (const other of context.registrations) {
    if (other.id === registration.id) continue;
    const live = other.status === 'approved' && (other.expiresOn === null || other.expiresOn >= today);
    const waiting = other.status === 'submitted' || other.status === 'pending_review';
    if (!live && !waiting) continue;
    const earlier = isEarlier(other, registration);
    const m = matchCustomer(customer, keyOf(other), matchCompany, rules.freeMailDomains);
    if (other.partnerId === registration.partnerId) {
      if (live || earlier)
        add(
          'duplicate_registration',
          other.id,
          other.partnerId,
          m,
          samePartnerWords(other.customerCompany, other.submittedAt),
        );
    } else if (live) {
      const kind: ConflictKind = earlier ? 'protected_registration' : 'earlier_pending_registration';
      const what = earlier
        ? registeredFirstWords(name(other.partnerId), other.expiresOn)
        : approvedLaterWords(name(other.partnerId));
      add(kind, other.id, other.partnerId, m, what);
    } else if (earlier) {
      add(
        'earlier_pending_registration',
        other.id,
        other.partnerId,
        m,
        earlierPendingWords(name(other.partnerId), other.submittedAt),
      );
    }
  }
  return conflicts;
}

/** The domain a domain match was made on ("same domain wayne.example" → "wayne.example"). */
function domainOf(m: CustomerMatch): string | null {
  return m.via === 'domain' ? m.reason.replace(/^same domain /, '') : null;
}

function keyOf(registration: DealRegistration): CustomerKey {
  return {
    company: registration.customerCompany,
    domain: registration.customerDomain ?? registration.contactEmail,
  };
}

/** The opportunity was created before the registration was submitted (the conversion window starts there). */
function existedBefore(opportunity: Opportunity, registration: DealRegistration): boolean {
  return Date.parse(opportunity.createdAt) < Date.parse(registration.submittedAt);
}

/** First come: earlier submission, ties broken by id so two registrations never both come first. */
function isEarlier(a: DealRegistration, b: DealRegistration): boolean {
  const dt = Date.parse(a.submittedAt) - Date.parse(b.submittedAt);
  return dt < 0 || (dt === 0 && a.id < b.id);
}

function kindIsSoft(kind: ConflictKind, rules: RegistrationRules): boolean {
  return kind === 'open_opportunity' && rules.openOpportunityConflict === 'pending_review';
}
