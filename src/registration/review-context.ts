import type { Account, DealRegistration, Opportunity, Partner } from '../domain/entities.js';
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
