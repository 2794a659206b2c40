import type { AttributionRecord } from '../store/decision-store.js';
import { day, listOf, money } from './format.js';
import { EXCLUSION_WORDS, MODEL_WORDS, touchSentence } from './touch-words.js';
import { sortTimeline, type CreditSplit, type TimelineEvent, type WhyView } from './why-view.js';

/** What the page of an opportunity / deal is built from. */
export interface OpportunityWhyInput {
  readonly decision: AttributionRecord;
  readonly partner: (id: string | null) => string;
}

function sourcingSentence(input: OpportunityWhyInput): string {
  const { evidence, sourcingPartnerId } = input.decision.decision;
  const winner = evidence.sourcingCandidates.find((c) => c.partnerId === sourcingPartnerId);
  const name = input.partner(sourcingPartnerId);
  switch (evidence.rule) {
    case 'registration':
      return `${name} registered this customer first, on ${winner === undefined ? 'an earlier date' : day(winner.at)}, and the registration was approved: the deal is partner-sourced.`;
    case 'lead':
      return `${name} brought in the lead this deal came from${winner === undefined ? '' : ` (created ${day(winner.at)})`}: the deal is partner-sourced.`;
    case 'tie':
      return 'Two partners have an equal claim to sourcing this deal: a person decides.';
    case 'none':
      return 'No approved registration or partner lead led to this deal: no partner sourced it.';
  }
}

function creditOf(record: AttributionRecord): CreditSplit | null {
  const { credits, model, currency } = record.decision;
  if (credits.length === 0) return null;
  return {
    how: `The sourcing partner gets 100 % of the sourced credit; influence credit is ${MODEL_WORDS[model]}.`,
    bars: credits.map((c) => ({
      partner: c.partnerName,
      role: c.role,
      percent: c.creditPercent,
      amount: c.creditedAmount === null ? null : money(c.creditedAmount, currency),
    })),
  };
}

function timelineOf(input: OpportunityWhyInput): TimelineEvent[] {
  const { decision: d, opportunity: opp, decidedAt } = input.decision;
  const events: TimelineEvent[] = d.evidence.sourcingCandidates.map((c) => ({
    at: c.at,
    text:
      c.via === 'registration'
        ? `${input.partner(c.partnerId)} registered this customer`
        : `${input.partner(c.partnerId)}’s lead was created`,
  }));
  for (const t of d.evidence.countedTouches)
    events.push({ at: t.occurredAt, text: touchSentence(input.partner(t.partnerId), t.kind, null) });
  events.push({ at: opp.createdAt, text: 'This deal was created' });
  if (opp.closedAt !== null)
    events.push({ at: opp.closedAt, text: opp.isWon ? 'This deal was won' : 'This deal was lost' });
  events.push({ at: decidedAt, text: 'Partner credit last worked out' });
  return sortTimeline(events);
}

/** Pure: the page of an opportunity / deal, who sourced and influenced it and how the credit splits. */
export function opportunityView(input: OpportunityWhyInput): WhyView {
  const { decision: d, opportunity: opp, decidedAt } = input.decision;
  const sourced = d.partnerSourced ? [`Sourced by ${input.partner(d.sourcingPartnerId)}`] : [];
  const influencers = d.influencingPartnerIds.map((id) => input.partner(id));
  const influenced = influencers.length > 0 ? [`influenced by ${listOf(influencers)}`] : [];
  const parts = [...sourced, ...influenced];
  const text = parts.length === 0 ? 'No partner credit' : parts.join('; ');
  const touches = d.evidence.countedTouches.map(
    (t) => `${touchSentence(input.partner(t.partnerId), t.kind, t.occurredAt)}: counted.`,
  );
  const excluded = d.evidence.excludedTouches.map(
    (t) => `A touch by ${input.partner(t.partnerId)} was not counted: ${EXCLUSION_WORDS[t.reason]}.`,
  );
  const end = d.evidence.window.endRule === 'now' ? 'today (the deal is open)' : day(d.evidence.window.end);
  return {
    title:
      parts.length === 0
        ? 'Why has this deal no partner credit?'
        : 'Why is this deal credited to these partners?',
    record: `Opportunity ${opp.name}`,
    decision: {
      tone: parts.length === 0 ? 'info' : 'ok',
      text: `${text.charAt(0).toUpperCase()}${text.slice(1)}`,
    },
    evidence: [
      sourcingSentence(input),
      ...touches,
      ...excluded,
      `Touches count from ${day(d.evidence.window.start)} until ${end}.`,
    ],
    timeline: timelineOf(input),
    credit: creditOf(input.decision),
    comparison: null,
    decidedAt,
  };
}
