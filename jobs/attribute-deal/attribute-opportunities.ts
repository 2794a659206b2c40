import type { Mapping } from '../../mappings/schema.js';
import type { DealRegistration } from '../../src/domain/entities.js';
import type { RegistrationDecision } from '../../src/registration/index.js';
import type { AttributionRecord, MappingStamp, RegistrationRecord } from '../../src/store/decision-store.js';
import type { DecisionRules } from '../../src/store/rules-store.js';
import type { DecisionDeps } from '../shared/decision-deps.js';
import type { WriteBackRequest } from '../../src/store/write-back-store.js';
import { overlayDecision } from '../shared/overlay-decisions.js';
import { loadAttributionInput } from './load-attribution-input.js';
import { mappingStamp } from '../shared/mapping-stamp.js';
import { planAttribution, type AttributionPlan } from './plan-attribution.js';
import { addJunctionDelete, emptyRequests } from '../shared/write-requests.js';

export interface AttributionRun {
  readonly plans: readonly { readonly plan: AttributionPlan; readonly previous: AttributionRecord | null }[];
  /** Opportunities gone from the mirror whose junction rows were removed. */
  readonly removed: readonly string[];
  readonly requests: readonly WriteBackRequest[];
  readonly issues: readonly string[];
}

/**
 * Attributes opportunities from the mirror. With `apply`, enqueues the write-back requests (the
 * write-back store skips what is already in the CRM) and stores each decision for explain; without,
 * only returns the plans (dry run: nothing is written anywhere).
 */
export async function attributeOpportunities(
  deps: DecisionDeps,
  connectionId: string,
  opportunityIds: readonly string[],
  options: {
    readonly mapping: Mapping;
    readonly rules: DecisionRules;
    readonly now: string;
    readonly apply: boolean;
  },
): Promise<AttributionRun> {
  const { relations, decisions } = deps;
  const stamp = mappingStamp(options.mapping);
  const previous = await decisions.getMany(connectionId, 'opportunity', opportunityIds);
  const plans: { plan: AttributionPlan; previous: AttributionRecord | null }[] = [];
  const removed: string[] = [];
  const gone = emptyRequests();
  for (const [i, id] of opportunityIds.entries()) {
    const before = previous[i] ?? null;
    const linked = before?.conversions.map((c) => c.registrationId) ?? [];
    const loaded = await loadAttributionInput({ mirror: deps.mirror, relations }, connectionId, id, linked);
    if (loaded === null) {
      if (before !== null) {
        for (const row of before.junctionRows) addJunctionDelete(gone, options.mapping, row);
        removed.push(id);
      }
      continue;
    }
    const stored = await decisions.getMany(
      connectionId,
      'registration',
      loaded.registrations.map((r) => r.id),
    );
    const registrations = loaded.registrations.map((r, j) => overlayDecision(r, stored[j]));
    const plan = planAttribution(
      { ...loaded, registrations },
      {
        mapping: options.mapping,
        stamp,
        rules: options.rules,
        previous: before,
        now: options.now,
      },
    );
    plans.push({ plan, previous: before });
  }
  const requests = [...plans.flatMap((p) => p.plan.requests), ...gone.requests];
  const issues = [...new Set([...plans.flatMap((p) => p.plan.issues), ...gone.issues])];
  if (options.apply) {
    await deps.writeBack.enqueue(connectionId, requests);
    await decisions.put(connectionId, [
      ...plans.map((p) => p.plan.record),
      ...plans.flatMap((p) => p.plan.rechecked.map((d) => recheckRecord(d, stamp, options.now))),
      ...plans.flatMap((p) => p.plan.converted.map((r) => conversionRecord(r, stamp, options.now))),
    ]);
    await decisions.remove(connectionId, 'opportunity', removed);
  }
  return { plans, removed, requests, issues };
}

function conversionRecord(r: DealRegistration, stamp: MappingStamp, now: string): RegistrationRecord {
  return {
    object: 'registration',
    recordId: r.id,
    decidedAt: now,
    mapping: stamp,
    action: 'convert',
    status: r.status,
    reason: r.reason ?? 'converted',
    expiresOn: r.expiresOn,
    conflictWith: r.conflictWith,
    opportunityId: r.opportunityId,
    evidence: null,
    existingPeople: [],
  };
}

function recheckRecord(d: RegistrationDecision, stamp: MappingStamp, now: string): RegistrationRecord {
  return {
    object: 'registration',
    recordId: d.registration.id,
    decidedAt: now,
    mapping: stamp,
    action: 'recheck',
    status: d.status,
    reason: d.reason,
    expiresOn: d.expiresOn,
    conflictWith: d.conflictWith,
    opportunityId: null,
    evidence: d.evidence,
    existingPeople: [],
  };
}
