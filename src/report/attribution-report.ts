import type { AttributionRecord } from '../store/decision-store.js';

/** Which opportunities count for a period: won and closed in it, or created in it. */
export type ReportBasis = 'won' | 'created';

export interface PartnerRevenue {
  readonly partnerId: string;
  readonly partnerName: string;
  readonly currency: string;
  readonly sourcedAmount: number;
  readonly sourcedDeals: number;
  readonly influencedAmount: number;
  readonly influencedDeals: number;
}

export interface AttributionReport {
  readonly from: string;
  readonly to: string;
  readonly basis: ReportBasis;
  readonly opportunities: number;
  /** Largest total first, then name. */
  readonly rows: readonly PartnerRevenue[];
}

const inPeriod = (iso: string | null, from: string, to: string): boolean =>
  iso !== null && iso.slice(0, 10) >= from && iso.slice(0, 10) <= to;

/**
 * Pure: sourced vs influenced revenue per partner (and currency) over the stored decisions, for the UTC
 * days `from` through `to` inclusive. Credited amounts are the rounded ones written to the CRM, so the
 * report adds up to what reps see.
 */
export function attributionReport(
  records: readonly AttributionRecord[],
  period: { readonly from: string; readonly to: string; readonly basis: ReportBasis },
): AttributionReport {
  const rows = new Map<string, PartnerRevenue>();
  let opportunities = 0;
  for (const r of records) {
    const o = r.opportunity;
    const counts =
      period.basis === 'won'
        ? o.isWon && inPeriod(o.closedAt, period.from, period.to)
        : inPeriod(o.createdAt, period.from, period.to);
    if (!counts || r.decision.credits.length === 0) continue;
    opportunities += 1;
    for (const c of r.decision.credits) {
      const key = `${c.partnerId}|${r.decision.currency}`;
      const row = rows.get(key) ?? {
        partnerId: c.partnerId,
        partnerName: c.partnerName,
        currency: r.decision.currency,
        sourcedAmount: 0,
        sourcedDeals: 0,
        influencedAmount: 0,
        influencedDeals: 0,
      };
      const amount = c.creditedAmount ?? 0;
      rows.set(
        key,
        c.role === 'sourced'
          ? { ...row, sourcedAmount: row.sourcedAmount + amount, sourcedDeals: row.sourcedDeals + 1 }
          : {
              ...row,
              influencedAmount: row.influencedAmount + amount,
              influencedDeals: row.influencedDeals + 1,
            },
      );
    }
  }
  const sorted = [...rows.values()]
    .map((r) => ({
      ...r,
      sourcedAmount: round(r.sourcedAmount),
      influencedAmount: round(r.influencedAmount),
    }))
    .sort(
      (a, b) =>
        b.sourcedAmount + b.influencedAmount - (a.sourcedAmount + a.influencedAmount) ||
        a.partnerName.localeCompare(b.partnerName) ||
        a.currency.localeCompare(b.currency),
    );
  return { from: period.from, to: period.to, basis: period.basis, opportunities, rows: sorted };
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;
