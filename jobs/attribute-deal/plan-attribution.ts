import type { Mapping } from '../../mappings/schema.js';
import {
  attributeDeal,
  diffJunctionRows,
  type AttributionDecision,
  type JunctionRow,
} from '../../src/attribution/index.js';
import type { DealRegistration } from '../../src/domain/entities.js';
import {
  convertRegistration,
  recheckApproval,
  type RegistrationDecision,
} from '../../src/registration/index.js';
import type { AttributionRecord, MappingStamp } from '../../src/store/decision-store.js';
import type { DecisionRules } from '../../src/store/rules-store.js';
import { fuzzyCompanyMatcher } from '../shared/fuzzy-company-matcher.js';
import type { LoadedOpportunity } from './load-attribution-input.js';
import {
  addJunctionDelete,
  addWrite,
  emptyRequests,
  junctionFields,
  type PlannedRequests,
} from '../shared/write-requests.js';

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

export interface PlanContext {
  readonly mapping: Mapping;
  readonly stamp: MappingStamp;
  readonly rules: DecisionRules;
  /** The record last applied for this opportunity (its junction rows and conversions). */
  readonly previous: AttributionRecord | null;
  readonly now: string;
}

const byFirstCome = (a: DealRegistration, b: DealRegistration): number =>
  Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Pure: converts the first-come approved registration of the same customer (inside its protection
 * window) into the opportunity, attributes it, and plans the writes: opportunity fields, one junction
 * row per (partner, role) upserted by external key, deletes for rows no longer desired, and the
 * registration's conversion. Same input → same requests (the write-back store then skips no-ops).
 */
export function planAttribution(loaded: LoadedOpportunity, ctx: PlanContext): AttributionPlan {
  const { opportunity } = loaded;
  const linkedBefore = new Set(ctx.previous?.conversions.map((c) => c.registrationId) ?? []);
  // Our own link survives a CRM mapping that does not read the registration's opportunity back.
  const linked = loaded.registrations.map((r) =>
    r.opportunityId === null && linkedBefore.has(r.id) ? { ...r, opportunityId: opportunity.id } : r,
  );
  // An approval decided before this (older, open) opportunity was ingested is re-reviewed, so the
  // final status does not depend on which of the two the pipeline saw first.
  const rechecked: RegistrationDecision[] = [];
  for (const r of linked) {
    const decision = recheckApproval(
      r,
      opportunity,
      { account: loaded.account, partners: loaded.partners, matchCompany: fuzzyCompanyMatcher },
      ctx.rules.registration,
      ctx.now,
    );
    if (decision !== null) rechecked.push(decision);
  }
  const regs = linked.map((r) => rechecked.find((d) => d.registration.id === r.id)?.registration ?? r);
  const converted: DealRegistration[] = [];
  const reasons = new Map<string, string>();
  const alreadyConverted = regs.some((r) => r.opportunityId === opportunity.id && r.status === 'converted');
  if (!alreadyConverted) {
    const candidates = regs
      .filter(
        (r) => r.status === 'approved' && (r.opportunityId === null || r.opportunityId === opportunity.id),
      )
      .sort(byFirstCome);
    for (const reg of candidates) {
      const done = convertRegistration(reg, opportunity, {
        account: loaded.account,
        matchCompany: fuzzyCompanyMatcher,
        rules: ctx.rules.registration,
      });
      if (done.ok && done.changed) {
        converted.push(done.registration);
        reasons.set(reg.id, done.reason);
        break;
      }
    }
  }
  const registrations = regs.map((r) => converted.find((c) => c.id === r.id) ?? r);
  const decision = attributeDeal({ ...loaded, registrations, now: ctx.now }, ctx.rules.attribution);

  const out = emptyRequests();
  const { mapping } = ctx;
  const everWritten = ctx.previous !== null && ctx.previous.decision.outcome !== 'none';
  if (decision.outcome !== 'none' || everWritten) {
    const names = new Map(loaded.partners.map((p) => [p.id, p.name]));
    const winner = decision.evidence.sourcingCandidates.find(
      (c) => c.partnerId === decision.sourcingPartnerId && c.via === 'registration',
    );
    addWrite(
      out,
      mapping,
      'opportunity',
      {
        partnerSourced: decision.partnerSourced,
        sourcingPartnerId: decision.sourcingPartnerId,
        partnerInfluenced: decision.partnerInfluenced,
        influencingPartners: decision.influencingPartnerIds.map((id) => names.get(id) ?? id),
        attributionModel: decision.outcome === 'none' ? null : decision.model,
        registrationId: decision.partnerSourced && winner !== undefined ? winner.recordId : null,
      },
      { id: opportunity.id },
    );
  }
  const diff = diffJunctionRows(ctx.previous?.junctionRows ?? [], decision.junctionRows);
  for (const row of decision.junctionRows)
    addWrite(out, mapping, 'attribution', junctionFields(row), { externalKey: row.externalKey });
  for (const row of diff.deletes) addJunctionDelete(out, mapping, row);
  for (const d of rechecked)
    addWrite(
      out,
      mapping,
      'registration',
      {
        status: d.status,
        reason: d.reason,
        decidedAt: d.registration.decidedAt,
        expiresOn: d.expiresOn,
        conflictWith: d.conflictWith,
      },
      { id: d.registration.id },
    );
  for (const reg of converted)
    addWrite(
      out,
      mapping,
      'registration',
      { status: 'converted', opportunityId: opportunity.id, reason: reg.reason },
      { id: reg.id },
    );

  const conversions = registrations
    .filter((r) => r.opportunityId === opportunity.id && r.status === 'converted')
    .map((r) => ({ registrationId: r.id, reason: reasons.get(r.id) ?? r.reason ?? 'converted' }));
  const record: AttributionRecord = {
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
  return {
    ...out,
    decision,
    record,
    upserted: diff.upserts,
    deleted: diff.deletes,
    converted,
    rechecked,
  };
}
