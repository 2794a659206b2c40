import type { AttributionDecision, AttributionRole } from '../../src/attribution/index.js';
import type { AttributionRecord } from '../../src/store/decision-store.js';

/** One partner credit that a recompute changes. */
export interface CreditChange {
  readonly opportunityId: string;
  readonly partnerId: string;
  readonly partnerName: string;
  readonly role: AttributionRole;
  readonly currency: string;
  readonly before: number;
  readonly after: number;
  readonly delta: number;
}

export interface ChangeSummary {
  readonly opportunities: number;
  readonly changedOpportunities: number;
  readonly sourcingChanged: number;
  readonly rowsCreated: number;
  readonly rowsUpdated: number;
  readonly rowsDeleted: number;
  readonly conversions: number;
  /** Largest absolute credited-amount changes first. */
  readonly largest: readonly CreditChange[];
}

export interface RecomputedOpportunity {
  readonly previous: AttributionRecord | null;
  readonly decision: AttributionDecision;
  readonly upserted: readonly { readonly externalKey: string }[];
  readonly deleted: readonly { readonly externalKey: string }[];
  readonly converted: number;
}

function credits(decision: AttributionDecision | undefined): Map<string, { name: string; amount: number }> {
  const out = new Map<string, { name: string; amount: number }>();
  for (const c of decision?.credits ?? [])
    out.set(`${c.partnerId}|${c.role}`, { name: c.partnerName, amount: c.creditedAmount ?? 0 });
  return out;
}

/** Pure: what a recompute changes against the decisions last applied (counts, largest changes by amount). */
export function summariseChanges(items: readonly RecomputedOpportunity[], top: number): ChangeSummary {
  const changes: CreditChange[] = [];
  let changedOpportunities = 0;
  let sourcingChanged = 0;
  let rowsCreated = 0;
  let rowsUpdated = 0;
  let rowsDeleted = 0;
  let conversions = 0;
  for (const item of items) {
    const before = credits(item.previous?.decision);
    const after = credits(item.decision);
    const had = new Set(item.previous?.junctionRows.map((r) => r.externalKey) ?? []);
    const created = item.upserted.filter((r) => !had.has(r.externalKey)).length;
    rowsCreated += created;
    rowsUpdated += item.upserted.length - created;
    rowsDeleted += item.deleted.length;
    conversions += item.converted;
    const prevSourcing = item.previous?.decision.sourcingPartnerId ?? null;
    if (prevSourcing !== item.decision.sourcingPartnerId) sourcingChanged += 1;
    if (item.upserted.length + item.deleted.length > 0 || prevSourcing !== item.decision.sourcingPartnerId)
      changedOpportunities += 1;
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(key);
      const a = after.get(key);
      const delta = (a?.amount ?? 0) - (b?.amount ?? 0);
      if (delta === 0 && a !== undefined && b !== undefined) continue;
      const [partnerId = '', role = 'influenced'] = key.split('|');
      changes.push({
        opportunityId: item.decision.opportunityId,
        partnerId,
        partnerName: a?.name ?? b?.name ?? partnerId,
        role: role === 'sourced' ? 'sourced' : 'influenced',
        currency: item.decision.currency,
        before: b?.amount ?? 0,
        after: a?.amount ?? 0,
        delta: Math.round(delta * 1e6) / 1e6,
      });
    }
  }
  changes.sort(
    (x, y) =>
      Math.abs(y.delta) - Math.abs(x.delta) ||
      (x.opportunityId < y.opportunityId ? -1 : x.opportunityId > y.opportunityId ? 1 : 0) ||
      (x.partnerId < y.partnerId ? -1 : 1),
  );
  return {
    opportunities: items.length,
    changedOpportunities,
    sourcingChanged,
    rowsCreated,
    rowsUpdated,
    rowsDeleted,
    conversions,
    largest: changes.slice(0, top),
  };
}
