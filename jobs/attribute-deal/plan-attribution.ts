import { attributeDeal, type AttributionDecision, type JunctionRow } from '../../src/attribution/index.js';
import type { DealRegistration } from '../../src/domain/entities.js';
import type { RegistrationDecision } from '../../src/registration/index.js';
import type { AttributionRecord } from '../../src/store/decision-store.js';
import type { PlannedRequests } from '../shared/write-requests.js';
import { attributionWrites } from './attribution-writes.js';
import { convertFirstCome } from './convert-first-come.js';
import type { LoadedOpportunity } from './load-attribution-input.js';
import type { PlanContext } from './plan-context.js';
import { recheckLinked } from './recheck-linked.js';

export interface AttributionPlan extends PlannedRequests {
  readonly decision: AttributionDecision;
  readonly record: AttributionRecord;
  /** Junction rows that are new or changed, and rows removed because the partner no longer qualifies. */
  readonly upserted: readonly JunctionRow[];
  readonly deleted: readonly JunctionRow[];
  /** Registrations this run converts into the opportunity. */
  readonly converted: readonly DealRegistration[];
  /**
   * Approved registrations re-reviewed against this opportunity: it was open and already existed when
   * they were submitted, but their review ran before it was ingested (→ rejected or pending_review).
   */
  readonly rechecked: readonly RegistrationDecision[];
}

/**
 * Pure: converts the first-come approved registration of the same customer (inside its protection
 * window) into the opportunity, attributes it, and plans the writes: opportunity fields, one junction
 * row per (partner, role) upserted by external key, deletes for rows no longer desired, and the
 * registration's conversion. Same input → same requests (the write-back store then skips no-ops).
 */
export function planAttribution(loaded: LoadedOpportunity, ctx: PlanContext): AttributionPlan {
  const { registrations: regs, rechecked } = recheckLinked(loaded, ctx);
  const { converted, reasons } = convertFirstCome(regs, loaded, ctx);
  const registrations = regs.map((r) => converted.find((c) => c.id === r.id) ?? r);
  const decision = attributeDeal({ ...loaded, registrations, now: ctx.now }, ctx.rules.attribution);
  const { out, upserted, deleted } = attributionWrites(loaded, ctx, { decision, rechecked, converted });
  const record = attributionRecord(loaded, ctx, decision, registrations, reasons);
  return { ...out, decision, record, upserted, deleted, converted, rechecked };
}

/** What explain shows of this decision, and what the next run diffs its junction rows and conversions against. */
function attributionRecord(
  loaded: LoadedOpportunity,
  ctx: PlanContext,
  decision: AttributionDecision,
  registrations: readonly DealRegistration[],
  reasons: ReadonlyMap<string, string>,
): AttributionRecord {
  const { opportunity } = loaded;
  const conversions = registrations
    .filter((r) => r.opportunityId === opportunity.id && r.status === 'converted')
    .map((r) => ({ registrationId: r.id, reason: reasons.get(r.id) ?? r.reason ?? 'converted' }));
  return {
    object: 'opportunity',
    recordId: opportunity.id,
    decidedAt: ctx.now,
    mapping: ctx.stamp,
    decision,
    junctionRows: decision.junctionRows,
    conversions,
    registrationsConsidered: registrations.map((r) => ({
      id: r.id,
      partnerId: r.partnerId,
      status: r.status,
    })),
    opportunity: {
      name: opportunity.name,
      createdAt: opportunity.createdAt,
      closedAt: opportunity.closedAt,
      isWon: opportunity.isWon,
    },
  };
}
