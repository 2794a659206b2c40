import type { Partner, PartnerTouch } from '../domain/entities.js';
import { allocateLargestRemainder, toIntegerWeights } from './allocate-largest-remainder.js';
import type { AttributionRole, PartnerCredit } from './attribution-decision.js';
import { compareIds } from './collect-influence-touches.js';
import { fromMinorUnits, toMinorUnits } from './currency-minor-digits.js';
import type { TouchWeight } from './model-weights.js';

const PERCENT_BASIS = 10_000n; // hundredths of a percent

export interface PartnerShare {
  readonly partnerId: string;
  readonly weight: number;
  readonly touchCount: number;
}

/** Sums touch weights per partner; ordered by weight (largest first), then partner id. */
export function sharesByPartner(
  touches: readonly PartnerTouch[],
  weights: readonly TouchWeight[],
): PartnerShare[] {
  const weightOf = new Map(weights.map((w) => [w.touchId, w.weight]));
  const byPartner = new Map<string, { weight: number; touchCount: number }>();
  for (const touch of touches) {
    const entry = byPartner.get(touch.partnerId) ?? { weight: 0, touchCount: 0 };
    entry.weight += weightOf.get(touch.id) ?? 0;
    entry.touchCount += 1;
    byPartner.set(touch.partnerId, entry);
  }
  return [...byPartner]
    .map(([partnerId, e]) => ({ partnerId, ...e }))
    .sort((a, b) => b.weight - a.weight || compareIds(a.partnerId, b.partnerId));
}

/**
 * Turns partner shares into credits of one role: percentages in hundredths and amounts in integer
 * minor units, each by largest remainder over the same integer weights, so both sum exactly
 * (100.00 % and the amount). A partner whose rounded share is zero keeps a row with 0.
 */
export function splitCredit(
  role: AttributionRole,
  shares: readonly PartnerShare[],
  partners: readonly Partner[],
  amount: number | null,
  currency: string,
): PartnerCredit[] {
  const names = new Map(partners.map((p) => [p.id, p.name]));
  const weights = toIntegerWeights(shares.map((s) => s.weight));
  const basisPoints = allocateLargestRemainder(PERCENT_BASIS, weights);
  const minor = amount === null ? null : allocateLargestRemainder(toMinorUnits(amount, currency), weights);
  return shares.map((share, i) => {
    const part = minor?.[i] ?? null;
    return {
      partnerId: share.partnerId,
      partnerName: names.get(share.partnerId) ?? share.partnerId,
      role,
      creditPercent: Number(basisPoints[i] ?? 0n) / 100,
      creditedAmount: part === null ? null : fromMinorUnits(part, currency),
      creditedMinor: part === null ? null : Number(part),
      touchCount: share.touchCount,
    };
  });
}
