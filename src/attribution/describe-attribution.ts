import type { Opportunity, Partner, PartnerTouch } from '../domain/entities.js';
import { modelWords, percentWords, repDate, touchWords } from '../explain/rep-words/index.js';
import type { AttributionModel } from './attribution-config.js';
import type { PartnerCredit } from './attribution-decision.js';
import type { SourcingCandidate } from './attribution-evidence.js';
import type { AttributionWindow } from './attribution-window.js';
import type { SourcingResult } from './select-sourcing-partner.js';

/** A partner's name; a text a rep reads never shows a record id, so an unknown one is "another partner". */
export function partnerName(partners: readonly Partner[], id: string): string {
  return partners.find((p) => p.id === id)?.name ?? 'another partner';
}

/** "its approved registration became this opportunity on 5 Dec 2026" / "the lead of 10 Jan 2026 came from the partner". */
export function describeCandidate(candidate: SourcingCandidate, opportunity: Opportunity): string {
  return candidate.via === 'registration'
    ? `its approved registration became this opportunity on ${repDate(opportunity.createdAt)}`
    : `the lead created ${repDate(candidate.at)} came from the partner`;
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
      return `Sourced by ${partnerName(partners, sourcing.partnerId)}: ${describeCandidate(sourcing.winner, opportunity)}`;
    case 'tie': {
      const firstMs = Date.parse(sourcing.candidates[0]?.at ?? '');
      const claims = sourcing.candidates
        .filter((c) => Date.parse(c.at) === firstMs)
        .map(
          (c) => `${partnerName(partners, c.partnerId)} (${c.via === 'lead' ? 'a lead' : 'a registration'})`,
        );
      const at = new Date(firstMs).toISOString().slice(11, 16);
      return `Needs review: ${claims.join(' and ')} claim sourcing at the same moment, ${repDate(new Date(firstMs).toISOString())} ${at} UTC`;
    }
  }
}

export function describeInfluence(credits: readonly PartnerCredit[], model: AttributionModel): string | null {
  if (credits.length === 0) return null;
  const list = credits.map((c) => `${c.partnerName} ${percentWords(c.creditPercent)}`).join(', ');
  return `Influenced by ${list} (${modelWords(model, credits.length).toLowerCase()})`;
}

/** A window description that does not change while an open opportunity waits (no `now` in it). */
export function describeWindow(window: AttributionWindow): string {
  const from = repDate(window.start);
  switch (window.endRule) {
    case 'now':
      return `touches count from ${from}`;
    case 'close':
      return `touches count from ${from} to the close on ${repDate(window.end)}`;
    case 'creation':
      return `touches count from ${from} to the creation on ${repDate(window.end)}`;
  }
}

/** One influenced partner's row: "Influenced by Contoso: 50 % (split equally between 2 partners). Contoso was added …". */
export function describeInfluenceRow(
  credit: PartnerCredit,
  touches: readonly PartnerTouch[],
  model: AttributionModel,
  window: AttributionWindow,
  partners: number,
): string {
  const own = touches.filter((t) => t.partnerId === credit.partnerId);
  const what = own.map((t) => touchWords(credit.partnerName, t.kind, t.occurredAt)).join('; ');
  const split = modelWords(model, partners).toLowerCase();
  return `Influenced by ${credit.partnerName}: ${percentWords(credit.creditPercent)} (${split}). ${what}; ${describeWindow(window)}`;
}

export function describeNone(window: AttributionWindow): string {
  return `No partner credit: no converted registration, no partner lead and no partner touch; ${describeWindow(window)}`;
}

/** Cuts text to `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
