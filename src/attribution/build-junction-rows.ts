import type { AttributionModel } from './attribution-config.js';
import type { AttributionRole, JunctionRow, PartnerCredit } from './attribution-decision.js';
import { truncate } from './describe-attribution.js';

/** Deterministic upsert key of a junction row: one row per (opportunity, partner, role). */
export function junctionExternalKey(opportunityId: string, partnerId: string, role: AttributionRole): string {
  return `${opportunityId}:${partnerId}:${role}`;
}

export function buildJunctionRows(
  opportunityId: string,
  currency: string,
  model: AttributionModel,
  credits: readonly { readonly credit: PartnerCredit; readonly evidence: string }[],
  evidenceMaxLength: number,
): JunctionRow[] {
  return credits.map(({ credit, evidence }) => ({
    externalKey: junctionExternalKey(opportunityId, credit.partnerId, credit.role),
    opportunityId,
    partnerId: credit.partnerId,
    role: credit.role,
    creditPercent: credit.creditPercent,
    creditedAmount: credit.creditedAmount,
    currency,
    model: credit.role === 'sourced' ? 'sourced' : model,
    evidence: truncate(evidence, evidenceMaxLength),
  }));
}
