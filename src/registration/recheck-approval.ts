import type { Account, DealRegistration, Opportunity, Partner } from '../domain/entities.js';
import { findConflicts } from './find-conflicts.js';
import type { CompanyMatcher } from './match-customer.js';
import type { RegistrationDecision } from './registration-decision.js';
import type { RegistrationRules } from './registration-rules.js';
import { isManualApproval } from './resolve-review.js';

export interface RecheckContext {
  /** The opportunity's account (its name and domain identify the customer). */
  readonly account: Account | null;
  readonly partners?: readonly Partner[];
  readonly matchCompany: CompanyMatcher;
}

/**
 * Pure: re-reviews an approved, not yet converted registration against an opportunity that the review
 * did not see (it was ingested later; webhooks arrive out of order). An open opportunity of
 * the same customer created before the registration was submitted already existed, so the registration
 * conflicts with it exactly as if the review had seen it — hard → rejected, ambiguous → pending_review,
 * with the review's reason format. Null when the opportunity changes nothing: closed, another customer,
 * or created at or after the submission (that one converts the registration instead).
 *
 * This corrects a decision made on incomplete information; it is not a lifecycle transition, so
 * `ALLOWED_TRANSITIONS` (approved → converted | expired) is unchanged. A person's approval from the
 * review queue is not corrected: they decided with the conflicts in front of them.
 */
export function recheckApproval(
  registration: DealRegistration,
  opportunity: Opportunity,
  context: RecheckContext,
  rules: RegistrationRules,
  now: string,
): RegistrationDecision | null {
  if (registration.status !== 'approved' || registration.opportunityId !== null) return null;
  if (isManualApproval(registration)) return null;
  if (context.account === null) return null;
  const conflicts = findConflicts(
    registration,
    {
      partner: null,
      registrations: [],
      opportunities: [opportunity],
      accounts: [context.account],
      ...(context.partners === undefined ? {} : { partners: context.partners }),
      matchCompany: context.matchCompany,
    },
    rules,
    now,
  );
  const hard = conflicts.filter((c) => c.severity === 'hard');
  const found = hard.length > 0 ? hard : conflicts;
  const first = found[0];
  if (first === undefined) return null;
  const status = hard.length > 0 ? 'rejected' : 'pending_review';
  const reasons = found.map((c) => c.reason).join('; ');
  const reason = status === 'rejected' ? `Rejected: ${reasons}` : `Needs review: ${reasons}`;
  return {
    ok: true,
    status,
    reason,
    expiresOn: null,
    conflictWith: first.recordId,
    evidence: {
      conflicts,
      ruleChecks: [],
      matcher: 'injected',
    },
    registration: {
      ...registration,
      status,
      reason,
      expiresOn: null,
      conflictWith: first.recordId,
      decidedAt: status === 'pending_review' ? null : now,
    },
  };
}
