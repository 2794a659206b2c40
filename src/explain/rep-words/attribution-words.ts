import { repDayMonth } from './rep-date.js';

/** The influence models partnersync knows (src/attribution/attribution-config.ts), by their config name. */
export type ModelName = 'linear' | 'first' | 'last' | 'u-shaped' | 'w-shaped' | 'time-decay';

/**
 * A model spelled out for the opportunity's model field (Salesforce Text(40): every text fits 40
 * characters). `partners`: how many partners share the influenced credit.
 */
export function modelWords(model: ModelName, partners: number): string {
  switch (model) {
    case 'linear':
      return partners === 1 ? 'All credit to one partner' : `Split equally between ${partners} partners`;
    case 'first':
      return 'All credit to the first partner';
    case 'last':
      return 'All credit to the last partner';
    case 'u-shaped':
      return 'Most credit to first and last touch';
    case 'w-shaped':
      return 'Most to first, creation and last touch';
    case 'time-decay':
      return 'More credit to recent touches';
  }
}

/** The kinds of partner touch (src/domain/entities.ts TouchKind). */
export type TouchKindName =
  | 'registration'
  | 'lead_source'
  | 'opportunity_partner'
  | 'association'
  | 'co_sell'
  | 'referral'
  | 'meeting'
  | 'other';

/** A touch named by what happened: "Contoso was added as a partner on this opportunity on 5 Dec". */
export function touchWords(partner: string, kind: TouchKindName, occurredAt: string): string {
  const on = repDayMonth(occurredAt);
  switch (kind) {
    case 'opportunity_partner':
      return `${partner} was added as a partner on this opportunity on ${on}`;
    case 'association':
      return `${partner} was associated with this deal as a partner on ${on}`;
    case 'registration':
      return `${partner} registered this deal on ${on}`;
    case 'lead_source':
      return `${partner} brought in the lead on ${on}`;
    case 'co_sell':
      return `${partner} co-sold with the rep on ${on}`;
    case 'referral':
      return `${partner} referred the customer on ${on}`;
    case 'meeting':
      return `${partner} joined a meeting on ${on}`;
    case 'other':
      return `${partner} helped on ${on}`;
  }
}

/** A credit share as a rep reads it: whole percentages without decimals ("50 %"), else two ("33.33 %"). */
export function percentWords(percent: number): string {
  return Number.isInteger(percent) ? `${percent} %` : `${percent.toFixed(2)} %`;
}
