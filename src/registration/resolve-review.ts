import type { DealRegistration } from '../domain/entities.js';
import { checkTransition } from './check-transition.js';
import type { TransitionDone, TransitionRefused } from './registration-decision.js';
import type { RegistrationRules } from './registration-rules.js';
import { addUtcDays, utcDate } from './utc-date.js';
import { protectedUntilWords } from '../explain/rep-words/index.js';

/**
 * How a human's verdict starts its reason. The reason is written to the CRM and read back, so the
 * marker travels with the registration: automatic re-checks leave a human's approval alone.
 */
export const MANUAL_APPROVAL_PREFIX = 'Approved on review:';
export const MANUAL_REJECTION_PREFIX = 'Rejected on review:';

/** True when a person approved the registration from the review queue (not the automatic review). */
export function isManualApproval(registration: Pick<DealRegistration, 'status' | 'reason'>): boolean {
  return registration.status === 'approved' && (registration.reason ?? '').startsWith(MANUAL_APPROVAL_PREFIX);
}

/** A human's verdict on a pending_review registration; approval starts the protection window. */
export function resolveReview(
  registration: DealRegistration,
  verdict: 'approved' | 'rejected',
  note: string,
  rules: RegistrationRules,
  now: string,
): TransitionDone | TransitionRefused {
  if (registration.status !== 'pending_review') {
    const refused = checkTransition(registration, verdict);
    return (
      refused ?? {
        ok: false,
        code: 'illegal_transition',
        registrationId: registration.id,
        from: registration.status,
        to: verdict,
        reason: `Registration ${registration.id} is ${registration.status}, not pending_review: nothing to resolve`,
      }
    );
  }
  const expiresOn = verdict === 'approved' ? addUtcDays(utcDate(now), rules.protectionDays) : null;
  const reason =
    verdict === 'approved'
      ? `${MANUAL_APPROVAL_PREFIX} ${note}; ${protectedUntilWords(expiresOn)}`
      : `${MANUAL_REJECTION_PREFIX} ${note}`;
  return {
    ok: true,
    changed: true,
    reason,
    registration: { ...registration, status: verdict, reason, expiresOn, decidedAt: now },
  };
}
