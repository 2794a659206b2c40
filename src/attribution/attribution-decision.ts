import type { AttributionModel } from './attribution-config.js';
import type { AttributionEvidence } from './attribution-evidence.js';

export type AttributionRole = 'sourced' | 'influenced';
export type AttributionOutcome = 'attributed' | 'none' | 'review';
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
  /** The model as a rep reads it ("Split equally between 2 partners"); absent on rows stored before it. */
  readonly modelText?: string;
  readonly evidence: string;
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
  /** One short sentence for reps, e.g. "Sourced by Acme Consulting: its approved registration became this opportunity on 2 Mar 2026". */
  readonly summary: string;
  readonly evidence: AttributionEvidence;
  readonly junctionRows: readonly JunctionRow[];
}
