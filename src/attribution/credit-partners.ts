import type { PartnerTouch } from '../domain/entities.js';
import type { AttributionConfig } from './attribution-config.js';
import type { PartnerCredit } from './attribution-decision.js';
import type { CountedTouch, ExcludedTouch } from './attribution-evidence.js';
import type { AttributionInput } from './attribution-input.js';
import type { AttributionWindow } from './attribution-window.js';
import { modelWeights, type TouchWeight } from './model-weights.js';
import { sharesByPartner, splitCredit } from './split-credit.js';

export interface PartnerCredits {
  readonly sourced: readonly PartnerCredit[];
  readonly influenced: readonly PartnerCredit[];
  /** Each counted touch with its share of the influenced credit and the model anchors it sits on. */
  readonly countedTouches: readonly CountedTouch[];
}

/**
 * Splits the opportunity's amount: all of it as sourced credit to the sourcing partner (when there is
 * one), and all of it as influenced credit over the counted touches by the configured model.
 */
export function creditPartners(
  input: AttributionInput,
  config: AttributionConfig,
  window: AttributionWindow,
  touches: { readonly counted: readonly PartnerTouch[]; readonly excluded: readonly ExcludedTouch[] },
  sourcingPartnerId: string | null,
): PartnerCredits {
  const { opportunity, partners } = input;
  const weights = modelWeights(touches.counted, {
    model: config.model,
    halfLifeDays: config.halfLifeDays,
    windowEndMs: Date.parse(window.end),
    opportunityCreatedMs: Date.parse(opportunity.createdAt),
    leadCreatedMs: leadCreatedMs(input),
  });
  const split = (role: 'sourced' | 'influenced', shares: Parameters<typeof splitCredit>[1]) =>
    splitCredit(role, shares, partners, opportunity.amount, opportunity.currency);
  const influenced = split('influenced', sharesByPartner(touches.counted, weights));
  const sourced =
    sourcingPartnerId === null
      ? []
      : split('sourced', [
          {
            partnerId: sourcingPartnerId,
            weight: 1,
            touchCount: countHeld(touches.excluded, sourcingPartnerId),
          },
        ]);
  return { sourced, influenced, countedTouches: withShares(touches.counted, weights) };
}

function withShares(counted: readonly PartnerTouch[], weights: readonly TouchWeight[]): CountedTouch[] {
  const weightOf = new Map(weights.map((w) => [w.touchId, w]));
  return counted.map((t) => ({
    touchId: t.id,
    partnerId: t.partnerId,
    kind: t.kind,
    occurredAt: t.occurredAt,
    share: weightOf.get(t.id)?.weight ?? 0,
    anchors: weightOf.get(t.id)?.anchors ?? [],
  }));
}

/** Creation time of the lead the opportunity came from (the W-shaped lead-creation anchor). */
function leadCreatedMs(input: AttributionInput): number | null {
  const { opportunity } = input;
  const times = input.leads
    .filter((l) => l.id === opportunity.sourceLeadId || l.convertedOpportunityId === opportunity.id)
    .map((l) => Date.parse(l.createdAt));
  return times.length === 0 ? null : Math.min(...times);
}

function countHeld(excluded: readonly { partnerId: string; reason: string }[], partnerId: string): number {
  return excluded.filter((e) => e.partnerId === partnerId && e.reason === 'sourcing_partner').length;
}
