import type {
  DealRegistration,
  Opportunity,
  Partner,
  PartnerTouch,
  Person,
  TouchKind,
} from '../domain/entities.js';
import type { AttributionModel } from './attribution-config.js';
import type { AttributionWindow } from './attribution-window.js';

/** Everything the engine looks at for one opportunity. `now` is a parameter: the engine has no clock. */
export interface AttributionInput {
  readonly opportunity: Opportunity;
  readonly partners: readonly Partner[];
  /** Registrations that may be linked to the opportunity (others are ignored). */
  readonly registrations: readonly DealRegistration[];
  /** The lead(s) the opportunity may have come from (matched by `sourceLeadId` or `convertedOpportunityId`). */
  readonly leads: readonly Person[];
  readonly touches: readonly PartnerTouch[];
  readonly now: string;
}

export type AttributionRole = 'sourced' | 'influenced';
export type AttributionOutcome = 'attributed' | 'none' | 'review';
/** Which rule decided the sourcing partner. */
export type SourcingRule = 'registration' | 'lead' | 'none' | 'tie';

export interface SourcingCandidate {
  readonly partnerId: string;
  readonly via: 'registration' | 'lead';
  readonly recordId: string;
  /** Registration `submittedAt` (first come) or lead `createdAt`. */
  readonly at: string;
}

export type TouchExclusion =
  | 'duplicate'
  | 'other_record'
  | 'kind_not_counted'
  | 'outside_window'
  | 'sourcing_partner'
  | 'under_review'
  | 'inactive_partner'
  | 'unknown_partner';

export interface CountedTouch {
  readonly touchId: string;
  readonly partnerId: string;
  readonly kind: TouchKind;
  readonly occurredAt: string;
  /** Share of the influenced credit this touch carries, 0–1 (before rounding). */
  readonly share: number;
  /** Model positions this touch holds, e.g. ['first', 'opportunity-creation']. */
  readonly anchors: readonly string[];
}

export interface ExcludedTouch {
  readonly touchId: string;
  readonly partnerId: string;
  readonly reason: TouchExclusion;
}

export interface PartnerCredit {
  readonly partnerId: string;
  readonly partnerName: string;
  readonly role: AttributionRole;
  /** 0–100 with two decimals; the percentages of one role sum to exactly 100. */
  readonly creditPercent: number;
  /** In the opportunity currency; null when the opportunity has no amount. Sums exactly to the amount. */
  readonly creditedAmount: number | null;
  readonly creditedMinor: number | null;
  readonly touchCount: number;
}

/** One `PS_Partner_Attribution__c` / `ps_partner_attribution` row, upserted by `externalKey`. */
export interface JunctionRow {
  readonly externalKey: string;
  readonly opportunityId: string;
  readonly partnerId: string;
  readonly role: AttributionRole;
  readonly creditPercent: number;
  readonly creditedAmount: number | null;
  readonly currency: string;
  /** The influence model for influenced rows; 'sourced' for the sourced row. */
  readonly model: AttributionModel | 'sourced';
  readonly evidence: string;
}

export interface AttributionEvidence {
  readonly rule: SourcingRule;
  readonly model: AttributionModel;
  readonly window: AttributionWindow;
  readonly sourcingCandidates: readonly SourcingCandidate[];
  readonly countedTouches: readonly CountedTouch[];
  readonly excludedTouches: readonly ExcludedTouch[];
}

export interface AttributionDecision {
  readonly opportunityId: string;
  readonly outcome: AttributionOutcome;
  readonly partnerSourced: boolean;
  readonly sourcingPartnerId: string | null;
  readonly partnerInfluenced: boolean;
  readonly influencingPartnerIds: readonly string[];
  readonly model: AttributionModel;
  readonly amount: number | null;
  readonly currency: string;
  readonly credits: readonly PartnerCredit[];
  /** One short sentence for reps, e.g. "Partner-sourced by Acme Consulting: approved registration R-1 …". */
  readonly summary: string;
  readonly evidence: AttributionEvidence;
  readonly junctionRows: readonly JunctionRow[];
}
