import type { DealRegistration, RegistrationStatus } from '../domain/entities.js';
import type { RefusalCode, TransitionRefused } from './registration-decision.js';

/**
 * The lifecycle: submitted → approved | rejected | pending_review; pending_review → approved |
 * rejected (or stays pending on re-review); approved → converted | expired (extensions keep it
 * approved). rejected, expired and converted are final.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<RegistrationStatus, readonly RegistrationStatus[]>> = {
  submitted: ['approved', 'rejected', 'pending_review'],
  pending_review: ['approved', 'rejected', 'pending_review'],
  approved: ['converted', 'expired', 'approved'],
  rejected: [],
  expired: [],
  converted: [],
};

export function refuse(
  registration: DealRegistration,
  to: RegistrationStatus,
  code: RefusalCode,
  reason: string,
): TransitionRefused {
  return { ok: false, code, registrationId: registration.id, from: registration.status, to, reason };
}

/** null when `registration` may move to `to`; otherwise a refusal naming what is allowed. */
export function checkTransition(
  registration: DealRegistration,
  to: RegistrationStatus,
): TransitionRefused | null {
  const allowed = ALLOWED_TRANSITIONS[registration.status];
  if (allowed.includes(to)) return null;
  const options = allowed.length === 0 ? 'it is final' : `it can only become ${allowed.join(' or ')}`;
  return refuse(
    registration,
    to,
    'illegal_transition',
    `Registration ${registration.id} is ${registration.status} and cannot become ${to}: ${options}`,
  );
}
