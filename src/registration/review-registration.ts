import type { DealRegistration } from '../domain/entities.js';
import { checkApprovalRules } from './check-approval-rules.js';
import { refuse } from './check-transition.js';
import { findConflicts } from './find-conflicts.js';
import type { RegistrationDecision, TransitionRefused } from './registration-decision.js';
import type { Conflict, ReviewContext } from './review-context.js';
import type { RuleCheck } from './rule-check.js';
import type { RegistrationRules } from './registration-rules.js';
import { addUtcDays, utcDate } from './utc-date.js';
import { approvedWords } from '../explain/rep-words/index.js';

/**
 * Decides a submitted (or re-reviews a pending) registration: any hard conflict or rejecting rule →
 * rejected; otherwise any ambiguous conflict or rule needing a human → pending_review; otherwise
 * approved, protected until `expiresOn` = today (UTC) + protectionDays.
 */
export function reviewRegistration(
  registration: DealRegistration,
  context: ReviewContext,
  rules: RegistrationRules,
  now: string,
): RegistrationDecision | TransitionRefused {
  if (registration.status !== 'submitted' && registration.status !== 'pending_review') {
    return refuse(
      registration,
      'approved',
      'illegal_transition',
      `Registration ${registration.id} is ${registration.status}; only submitted or pending_review registrations are reviewed`,
    );
  }
  const conflicts = findConflicts(registration, context, rules, now);
  const ruleChecks = checkApprovalRules(registration, context.partner, rules);
  const evidence = {
    conflicts,
    ruleChecks,
    matcher: 'injected' as const,
  };

  const hard = conflicts.filter((c) => c.severity === 'hard');
  const rejecting = ruleChecks.filter((r) => r.outcome === 'rejected');
  if (hard.length > 0 || rejecting.length > 0) {
    const reason = `Rejected: ${describe(hard, rejecting)}`;
    return decide(registration, 'rejected', reason, null, hard[0]?.recordId ?? null, evidence, now);
  }
  const ambiguous = conflicts.filter((c) => c.severity === 'ambiguous');
  const reviewing = ruleChecks.filter((r) => r.outcome === 'pending_review');
  if (ambiguous.length > 0 || reviewing.length > 0) {
    const reason = `Needs review: ${describe(ambiguous, reviewing)}`;
    return decide(
      registration,
      'pending_review',
      reason,
      null,
      ambiguous[0]?.recordId ?? null,
      evidence,
      now,
    );
  }
  const expiresOn = addUtcDays(utcDate(now), rules.protectionDays);
  const reason = approvedWords(registration.customerCompany, expiresOn);
  return decide(registration, 'approved', reason, expiresOn, null, evidence, now);
}

function describe(conflicts: readonly Conflict[], checks: readonly RuleCheck[]): string {
  return [...conflicts.map((c) => c.reason), ...checks.map((r) => r.detail)].join('; ');
}

function decide(
  registration: DealRegistration,
  status: RegistrationDecision['status'],
  reason: string,
  expiresOn: string | null,
  conflictWith: string | null,
  evidence: RegistrationDecision['evidence'],
  now: string,
): RegistrationDecision {
  return {
    ok: true,
    status,
    reason,
    expiresOn,
    conflictWith,
    evidence,
    registration: {
      ...registration,
      status,
      reason,
      expiresOn,
      conflictWith,
      decidedAt: status === 'pending_review' ? null : now,
    },
  };
}
