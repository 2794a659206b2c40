import type { AttributionModel } from './attribution-config.js';
import type { AttributionRole, JunctionRow, PartnerCredit } from './attribution-decision.js';
import { truncate } from './describe-attribution.js';
import { modelWords } from '../explain/rep-words/index.js';

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
  const influenced = credits.filter(({ credit }) => credit.role === 'influenced').length;
  return credits.map(({ credit, evidence }) => ({
    externalKey: junctionExternalKey(opportunityId, credit.partnerId, credit.role),
    opportunityId,
    partnerId: credit.partnerId,
    role: credit.role,
    creditPercent: credit.creditPercent,
    creditedAmount: credit.creditedAmount,
    currency,
    model: credit.role === 'sourced' ? 'sourced' : model,
    modelText:
      credit.role === 'sourced' ? 'All sourcing credit to one partner' : modelWords(model, influenced),
    evidence: truncate(evidence, evidenceMaxLength),
  }));
}
