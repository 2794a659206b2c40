import type { DealRegistration, RegistrationStatus } from '../domain/entities.js';
import type { Conflict } from './review-context.js';
import type { RuleCheck } from './rule-check.js';

export interface RegistrationEvidence {
  readonly conflicts: readonly Conflict[];
  readonly ruleChecks: readonly RuleCheck[];
  /**
   * Always 'injected' since the company matcher became required; 'default' remains readable in
   * decisions stored before, when an exact-name matcher stood in for a missing one.
   */
  readonly matcher: 'default' | 'injected';
}

export interface RegistrationDecision {
  readonly ok: true;
  readonly status: 'approved' | 'rejected' | 'pending_review';
  readonly reason: string;
  readonly expiresOn: string | null;
  readonly conflictWith: string | null;
  readonly evidence: RegistrationEvidence;
  /** The registration with the decision applied. */
  readonly registration: DealRegistration;
}

export type RefusalCode =
  'illegal_transition' | 'different_customer' | 'outside_window' | 'invalid_extension' | 'extension_limit';

/** A transition that was not made, with the reason; pure code returns this instead of throwing. */
export interface TransitionRefused {
  readonly ok: false;
  readonly code: RefusalCode;
  readonly registrationId: string;
  readonly from: RegistrationStatus;
  readonly to: RegistrationStatus;
  readonly reason: string;
}

/** A transition that was made (or was already in place when `changed` is false). */
export interface TransitionDone {
  readonly ok: true;
  readonly changed: boolean;
  readonly registration: DealRegistration;
  readonly reason: string;
}
