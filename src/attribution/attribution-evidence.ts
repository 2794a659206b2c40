import type { TouchKind } from '../domain/entities.js';
import type { AttributionModel } from './attribution-config.js';
import type { AttributionWindow } from './attribution-window.js';

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

export interface AttributionEvidence {
  readonly rule: SourcingRule;
  readonly model: AttributionModel;
  readonly window: AttributionWindow;
  readonly sourcingCandidates: readonly SourcingCandidate[];
  readonly countedTouches: readonly CountedTouch[];
  readonly excludedTouches: readonly ExcludedTouch[];
}
