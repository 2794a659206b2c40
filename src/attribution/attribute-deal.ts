import type { PartnerTouch } from '../domain/entities.js';
import { defaultAttributionConfig, type AttributionConfig } from './attribution-config.js';
import type { AttributionDecision, PartnerCredit } from './attribution-decision.js';
import type { AttributionInput } from './attribution-input.js';
import { attributionWindow, type AttributionWindow } from './attribution-window.js';
import { buildJunctionRows } from './build-junction-rows.js';
import { collectInfluenceTouches } from './collect-influence-touches.js';
import { creditPartners, type PartnerCredits } from './credit-partners.js';
import {
  describeInfluence,
  describeInfluenceRow,
  describeNone,
  describeSourcing,
} from './describe-attribution.js';
import { selectSourcingPartner } from './select-sourcing-partner.js';

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
  const touches = collectInfluenceTouches(input, config, window, { sourcingPartnerId, underReview });
  const credits = creditPartners(input, config, window, touches, sourcingPartnerId);
  const { sourced, influenced } = credits;

  const sourcingSentence = describeSourcing(sourcing, opportunity, partners);
  const influenceSentence = describeInfluence(influenced, config.model);
  const sentences = [sourcingSentence, influenceSentence].filter((s): s is string => s !== null);

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
    summary: sentences.length > 0 ? sentences.join('. ') : describeNone(window),
    evidence: {
      rule: sourcing.kind === 'tie' ? 'tie' : sourcing.kind === 'none' ? 'none' : sourcing.winner.via,
      model: config.model,
      window,
      sourcingCandidates: sourcing.candidates,
      countedTouches: credits.countedTouches,
      excludedTouches: touches.excluded,
    },
    junctionRows: buildJunctionRows(
      opportunity.id,
      opportunity.currency,
      config.model,
      rowInputs(touches.counted, config, window, credits, sourcingSentence),
      config.evidenceMaxLength,
    ),
  };
}

/** Each credit with the evidence sentence its junction row carries. */
function rowInputs(
  counted: readonly PartnerTouch[],
  config: AttributionConfig,
  window: AttributionWindow,
  credits: PartnerCredits,
  sourcingSentence: string | null,
): { credit: PartnerCredit; evidence: string }[] {
  return [
    ...credits.sourced.map((credit) => ({
      credit,
      evidence: sourcingSentence ?? '',
    })),
    ...credits.influenced.map((credit) => ({
      credit,
      evidence: describeInfluenceRow(credit, counted, config.model, window, credits.influenced.length),
    })),
  ];
}
