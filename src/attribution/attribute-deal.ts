import { defaultAttributionConfig, type AttributionConfig } from './attribution-config.js';
import type {
  AttributionDecision,
  AttributionInput,
  CountedTouch,
  PartnerCredit,
} from './attribution-decision.js';
import { attributionWindow } from './attribution-window.js';
import { buildJunctionRows } from './build-junction-rows.js';
import { collectInfluenceTouches } from './collect-influence-touches.js';
import {
  describeInfluence,
  describeInfluenceRow,
  describeNone,
  describeSourcing,
  describeWindow,
} from './describe-attribution.js';
import { modelWeights } from './model-weights.js';
import { selectSourcingPartner } from './select-sourcing-partner.js';
import { sharesByPartner, splitCredit } from './split-credit.js';

/**
 * Decides who sourced and who influenced one opportunity, and how the credit splits. Pure: the same
 * input and config always give the same decision (no clock: `input.now` only closes open windows).
 */
export function attributeDeal(
  input: AttributionInput,
  config: AttributionConfig = defaultAttributionConfig,
): AttributionDecision {
  const { opportunity, partners } = input;
  const window = attributionWindow(opportunity, config.window, input.now);
  const sourcing = selectSourcingPartner(opportunity, input.registrations, input.leads);
  const sourcingPartnerId = sourcing.kind === 'sourced' ? sourcing.partnerId : null;
  const underReview = sourcing.kind === 'tie' ? sourcing.partnerIds : [];
  const { counted, excluded } = collectInfluenceTouches(input, config, window, {
    sourcingPartnerId,
    underReview,
  });

  const weights = modelWeights(counted, {
    model: config.model,
    halfLifeDays: config.halfLifeDays,
    windowEndMs: Date.parse(window.end),
    opportunityCreatedMs: Date.parse(opportunity.createdAt),
    leadCreatedMs: leadCreatedMs(input),
  });
  const influenced = splitCredit(
    'influenced',
    sharesByPartner(counted, weights),
    partners,
    opportunity.amount,
    opportunity.currency,
  );
  const sourced =
    sourcingPartnerId === null
      ? []
      : splitCredit(
          'sourced',
          [{ partnerId: sourcingPartnerId, weight: 1, touchCount: countHeld(excluded, sourcingPartnerId) }],
          partners,
          opportunity.amount,
          opportunity.currency,
        );

  const sourcingSentence = describeSourcing(sourcing, opportunity, partners);
  const influenceSentence = describeInfluence(influenced, config.model);
  const sentences = [sourcingSentence, influenceSentence].filter((s): s is string => s !== null);
  const summary = sentences.length > 0 ? sentences.join('. ') : describeNone(window);

  const rowInputs: { credit: PartnerCredit; evidence: string }[] = [
    ...sourced.map((credit) => ({
      credit,
      evidence: `${sourcingSentence ?? ''}; ${describeWindow(window)}`,
    })),
    ...influenced.map((credit) => ({
      credit,
      evidence: describeInfluenceRow(credit, counted, config.model, window),
    })),
  ];
  const weightOf = new Map(weights.map((w) => [w.touchId, w]));
  const countedTouches: CountedTouch[] = counted.map((t) => ({
    touchId: t.id,
    partnerId: t.partnerId,
    kind: t.kind,
    occurredAt: t.occurredAt,
    share: weightOf.get(t.id)?.weight ?? 0,
    anchors: weightOf.get(t.id)?.anchors ?? [],
  }));

  return {
    opportunityId: opportunity.id,
    outcome:
      sourcing.kind === 'tie' ? 'review' : sourced.length + influenced.length > 0 ? 'attributed' : 'none',
    partnerSourced: sourcingPartnerId !== null,
    sourcingPartnerId,
    partnerInfluenced: influenced.length > 0,
    influencingPartnerIds: influenced.map((c) => c.partnerId),
    model: config.model,
    amount: opportunity.amount,
    currency: opportunity.currency,
    credits: [...sourced, ...influenced],
    summary,
    evidence: {
      rule: sourcing.kind === 'tie' ? 'tie' : sourcing.kind === 'none' ? 'none' : sourcing.winner.via,
      model: config.model,
      window,
      sourcingCandidates: sourcing.candidates,
      countedTouches,
      excludedTouches: excluded,
    },
    junctionRows: buildJunctionRows(
      opportunity.id,
      opportunity.currency,
      config.model,
      rowInputs,
      config.evidenceMaxLength,
    ),
  };
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
