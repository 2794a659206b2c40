import type {
  Account,
  DealRegistration,
  Opportunity,
  Partner,
  RegistrationStatus,
} from '../domain/entities.js';
import type { CompanyMatcher } from './match-customer.js';

/** What a review looks at besides the registration itself. */
export interface ReviewContext {
  /** The registering partner; null when unknown. */
  readonly partner: Partner | null;
  /** Other registrations that may concern the same customer (the registration itself is skipped). */
  readonly registrations: readonly DealRegistration[];
  /** Opportunities that may concern the same customer; only open ones conflict. */
  readonly opportunities: readonly Opportunity[];
  /** Accounts of those opportunities, for their domain and name. */
  readonly accounts: readonly Account[];
  /** Names of other partners, for readable reasons. */
  readonly partners?: readonly Partner[];
  /** Compares company names when domains do not settle the customer. */
  readonly matchCompany: CompanyMatcher;
}

export type ConflictKind =
  'open_opportunity' | 'protected_registration' | 'earlier_pending_registration' | 'duplicate_registration';

export interface Conflict {
  readonly kind: ConflictKind;
  /** Opportunity or registration id. */
  readonly recordId: string;
  readonly partnerId: string | null;
  readonly score: number;
  readonly via: 'domain' | 'company' | 'none';
  /** hard → rejected; ambiguous → pending_review. */
  readonly severity: 'hard' | 'ambiguous';
  readonly reason: string;
}

export type RuleName =
  | 'partner_known'
  | 'partner_active'
  | 'tier'
  | 'min_amount'
  | 'max_amount'
  | 'territory'
  | 'partner_territory';

export interface RuleCheck {
  readonly rule: RuleName;
  readonly passed: boolean;
  /** What a failure does; null when passed. */
  readonly outcome: 'rejected' | 'pending_review' | null;
  readonly detail: string;
}

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
