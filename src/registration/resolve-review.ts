import type { DealRegistration } from '../domain/entities.js';
import { checkTransition } from './check-transition.js';
import type { TransitionDone, TransitionRefused } from './registration-decision.js';
import type { RegistrationRules } from './registration-rules.js';
import { addUtcDays, utcDate } from './utc-date.js';

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
      ? `Approved on review: ${note}; protected until ${expiresOn ?? ''}`
      : `Rejected on review: ${note}`;
  return {
    ok: true,
    changed: true,
    reason,
    registration: { ...registration, status: verdict, reason, expiresOn, decidedAt: now },
  };
}
