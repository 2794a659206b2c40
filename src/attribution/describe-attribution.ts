import type { Opportunity, Partner, PartnerTouch } from '../domain/entities.js';
import type { AttributionModel } from './attribution-config.js';
import type { PartnerCredit } from './attribution-decision.js';
import type { SourcingCandidate } from './attribution-evidence.js';
import type { AttributionWindow } from './attribution-window.js';
import type { SourcingResult } from './select-sourcing-partner.js';

const day = (iso: string): string => iso.slice(0, 10);

export function partnerName(partners: readonly Partner[], id: string): string {
  return partners.find((p) => p.id === id)?.name ?? id;
}

/** "approved registration R-1 converted 2026-03-02" / "lead 00Q1 (created 2026-01-10) came from the partner". */
export function describeCandidate(candidate: SourcingCandidate, opportunity: Opportunity): string {
  return candidate.via === 'registration'
    ? `approved registration ${candidate.recordId} converted ${day(opportunity.createdAt)}`
    : `lead ${candidate.recordId} (created ${day(candidate.at)}) came from the partner`;
}

export function describeSourcing(
  sourcing: SourcingResult,
  opportunity: Opportunity,
  partners: readonly Partner[],
): string | null {
  switch (sourcing.kind) {
    case 'none':
      return null;
    case 'sourced':
      return `Partner-sourced by ${partnerName(partners, sourcing.partnerId)}: ${describeCandidate(sourcing.winner, opportunity)}`;
    case 'tie': {
      const firstMs = Date.parse(sourcing.candidates[0]?.at ?? '');
      const claims = sourcing.candidates
        .filter((c) => Date.parse(c.at) === firstMs)
        .map((c) => `${partnerName(partners, c.partnerId)} (${c.via} ${c.recordId})`);
      return `Needs review: ${claims.join(' and ')} claim sourcing at the same instant ${new Date(firstMs).toISOString()}`;
    }
  }
}

export function describeInfluence(credits: readonly PartnerCredit[], model: AttributionModel): string | null {
  if (credits.length === 0) return null;
  const list = credits.map((c) => `${c.partnerName} ${c.creditPercent.toFixed(2)} %`).join(', ');
  return `Partner-influenced by ${list} (${model})`;
}

/** A window description that does not change while an open opportunity waits (no `now` in it). */
export function describeWindow(window: AttributionWindow): string {
  return window.endRule === 'now'
    ? `window from ${day(window.start)} (open)`
    : `window ${day(window.start)} to ${window.endRule} ${day(window.end)}`;
}

export function describeInfluenceRow(
  credit: PartnerCredit,
  touches: readonly PartnerTouch[],
  model: AttributionModel,
  window: AttributionWindow,
): string {
  const own = touches.filter((t) => t.partnerId === credit.partnerId);
  const list = own.map((t) => `${t.kind} ${day(t.occurredAt)}`).join(', ');
  const noun = own.length === 1 ? 'touch' : 'touches';
  return `Partner-influenced by ${credit.partnerName}: ${credit.creditPercent.toFixed(2)} % under ${model}, ${describeWindow(window)}; ${own.length} ${noun}: ${list}`;
}

export function describeNone(window: AttributionWindow): string {
  return `No partner attribution: no converted registration, no partner lead, no eligible partner touch in the ${describeWindow(window)}`;
}

/** Cuts text to `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
