import type { Partner, PartnerTouch } from '../domain/entities.js';
import type { AttributionConfig } from './attribution-config.js';
import type { ExcludedTouch, TouchExclusion } from './attribution-evidence.js';
import type { AttributionInput } from './attribution-input.js';
import { isInWindow, type AttributionWindow } from './attribution-window.js';

export interface InfluenceTouches {
  /** Touches that carry influenced credit, sorted by time then id. */
  readonly counted: readonly PartnerTouch[];
  readonly excluded: readonly ExcludedTouch[];
}

/** Partners that may not be influencers: the sourcing partner, or the tied candidates under review. */
export interface HeldPartners {
  readonly sourcingPartnerId: string | null;
  readonly underReview: readonly string[];
}

/**
 * Keeps the touches on this opportunity (or its account, when configured) of a counted kind, inside
 * the window, by an eligible partner other than the sourcing one. Each touch id counts once.
 */
export function collectInfluenceTouches(
  input: AttributionInput,
  config: AttributionConfig,
  window: AttributionWindow,
  held: HeldPartners,
): InfluenceTouches {
  const partners = new Map<string, Partner>(input.partners.map((p) => [p.id, p]));
  const kinds = new Set<string>(config.countedTouchKinds);
  const seen = new Set<string>();
  const counted: PartnerTouch[] = [];
  const excluded: ExcludedTouch[] = [];
  for (const touch of input.touches) {
    const reason = exclusionOf(touch);
    if (reason === null) counted.push(touch);
    else excluded.push({ touchId: touch.id, partnerId: touch.partnerId, reason });
    seen.add(touch.id);
  }
  counted.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || compareIds(a.id, b.id));
  return { counted, excluded };

  function exclusionOf(touch: PartnerTouch): TouchExclusion | null {
    const { opportunity } = input;
    if (seen.has(touch.id)) return 'duplicate';
    const onOpportunity = touch.opportunityId === opportunity.id;
    const onAccount =
      config.includeAccountTouches &&
      touch.opportunityId === null &&
      touch.accountId !== null &&
      touch.accountId === opportunity.accountId;
    if (!onOpportunity && !onAccount) return 'other_record';
    if (!kinds.has(touch.kind)) return 'kind_not_counted';
    if (!isInWindow(touch.occurredAt, window)) return 'outside_window';
    if (touch.partnerId === held.sourcingPartnerId) return 'sourcing_partner';
    if (held.underReview.includes(touch.partnerId)) return 'under_review';
    const partner = partners.get(touch.partnerId);
    if (config.excludeInactivePartners) {
      if (partner === undefined) return 'unknown_partner';
      if (partner.status !== 'active') return 'inactive_partner';
    }
    return null;
  }
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
