import type { TouchKind } from '../domain/entities.js';
import type { AttributionModel } from '../attribution/attribution-config.js';
import type { TouchExclusion } from '../attribution/attribution-evidence.js';
import { day } from './format.js';

/** What happened, as a rep would say it: "Contoso was added as a partner on this deal on 5 Dec 2026". */
export function touchSentence(partner: string, kind: TouchKind, at: string | null): string {
  const on = at === null ? '' : `on ${day(at)}`;
  const what: Record<TouchKind, string> = {
    registration: `${partner} registered the customer ${on}`,
    lead_source: `${partner} was recorded as the lead’s source ${on}`,
    opportunity_partner: `${partner} was added as a partner on this deal ${on}`,
    association: `${partner} was associated with this deal ${on}`,
    co_sell: `${partner} co-sold this deal ${on}`,
    referral: `${partner} referred this customer ${on}`,
    meeting: `${partner} joined a meeting about this deal ${on}`,
    other: `${partner} worked on this deal ${on}`,
  };
  return what[kind].trimEnd();
}

/** Why a touch earned no influence credit. */
export const EXCLUSION_WORDS: Readonly<Record<TouchExclusion, string>> = {
  duplicate: 'it repeats another touch',
  other_record: 'it was on another record',
  kind_not_counted: 'this kind of touch does not count',
  outside_window: 'it happened outside the attribution window',
  sourcing_partner: 'the sourcing partner already has the sourced credit',
  under_review: 'the partner’s registration is still under review',
  inactive_partner: 'the partner is inactive',
  unknown_partner: 'the partner is unknown',
};

/** How the influence credit is split under each model. */
export const MODEL_WORDS: Readonly<Record<AttributionModel, string>> = {
  linear: 'split equally between the counted touches',
  first: 'all to the first counted touch',
  last: 'all to the last counted touch',
  'u-shaped': '40 % to the first touch, 40 % to the last, 20 % across the ones between',
  'w-shaped': '30 % each to the first touch and the touches at lead and deal creation, 10 % across the rest',
  'time-decay': 'weighted by recency: older touches count for less',
};
