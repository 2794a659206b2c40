import { diffJunctionRows, type AttributionDecision, type JunctionRow } from '../../src/attribution/index.js';
import type { DealRegistration } from '../../src/domain/entities.js';
import { modelWords } from '../../src/explain/rep-words/index.js';
import type { RegistrationDecision } from '../../src/registration/index.js';
import {
  addJunctionDelete,
  addWrite,
  emptyRequests,
  junctionFields,
  type PlannedRequests,
} from '../shared/write-requests.js';
import type { LoadedOpportunity } from './load-attribution-input.js';
import type { PlanContext } from './plan-context.js';

/**
 * The writes of one decision: opportunity fields (once it was ever attributed), one junction row per
 * (partner, role) upserted by external key, deletes for rows no longer desired, the rechecked
 * registrations' new status and the conversion.
 */
export function attributionWrites(
  loaded: LoadedOpportunity,
  ctx: PlanContext,
  decided: {
    readonly decision: AttributionDecision;
    readonly rechecked: readonly RegistrationDecision[];
    readonly converted: readonly DealRegistration[];
  },
): {
  readonly out: PlannedRequests;
  readonly upserted: readonly JunctionRow[];
  readonly deleted: readonly JunctionRow[];
} {
  const { decision } = decided;
  const { mapping } = ctx;
  const out = emptyRequests();
  const everWritten = ctx.previous !== null && ctx.previous.decision.outcome !== 'none';
  if (decision.outcome !== 'none' || everWritten) addOpportunityWrite(out, loaded, ctx, decision);
  const diff = diffJunctionRows(ctx.previous?.junctionRows ?? [], decision.junctionRows);
  for (const row of decision.junctionRows)
    addWrite(out, mapping, 'attribution', junctionFields(row), { externalKey: row.externalKey });
  for (const row of diff.deletes) addJunctionDelete(out, mapping, row);
  for (const d of decided.rechecked)
    addWrite(
      out,
      mapping,
      'registration',
      {
        status: d.status,
        reason: d.reason,
        decidedAt: d.registration.decidedAt,
        submittedAt: d.registration.submittedAt,
        expiresOn: d.expiresOn,
        conflictWith: d.conflictWith,
      },
      { id: d.registration.id },
    );
  for (const reg of decided.converted)
    addWrite(
      out,
      mapping,
      'registration',
      {
        status: 'converted',
        opportunityId: loaded.opportunity.id,
        reason: reg.reason,
        submittedAt: reg.submittedAt,
        // The decision date of the approval; never cleared when the CRM did not hold it.
        ...(reg.decidedAt === null ? {} : { decidedAt: reg.decidedAt }),
      },
      { id: reg.id },
    );
  return { out, upserted: diff.upserts, deleted: diff.deletes };
}

function addOpportunityWrite(
  out: PlannedRequests,
  loaded: LoadedOpportunity,
  ctx: PlanContext,
  decision: AttributionDecision,
): void {
  const names = new Map(loaded.partners.map((p) => [p.id, p.name]));
  const winner = decision.evidence.sourcingCandidates.find(
    (c) => c.partnerId === decision.sourcingPartnerId && c.via === 'registration',
  );
  addWrite(
    out,
    ctx.mapping,
    'opportunity',
    {
      partnerSourced: decision.partnerSourced,
      sourcingPartnerId: decision.sourcingPartnerId,
      sourcingPartnerName:
        decision.sourcingPartnerId === null ? null : (names.get(decision.sourcingPartnerId) ?? null),
      partnerInfluenced: decision.partnerInfluenced,
      influencingPartners: decision.influencingPartnerIds.map((id) => names.get(id) ?? id),
      attributionModel: decision.partnerInfluenced
        ? modelWords(decision.model, decision.influencingPartnerIds.length)
        : null,
      registrationId: decision.partnerSourced && winner !== undefined ? winner.recordId : null,
    },
    { id: loaded.opportunity.id },
  );
}
