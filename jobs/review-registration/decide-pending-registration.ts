import type { Mapping } from '../../mappings/schema.js';
import { AdminNotFoundError, RegistrationNotPendingError } from '../../src/core/errors/index.js';
import type { DealRegistration } from '../../src/domain/entities.js';
import { mappingStamp } from '../shared/mapping-stamp.js';
import { overlayDecision } from '../shared/overlay-decisions.js';
import { planRegistrationWrite } from './registration-write.js';
import { withDecisionLease } from '../shared/with-decision-lease.js';
import { resolveReview, type RegistrationRules } from '../../src/registration/index.js';
import type { DecisionStore, RegistrationRecord } from '../../src/store/decision-store.js';
import type { Leases } from '../../src/store/leases.js';
import type { Mirror } from '../../src/store/mirror.js';
import type { WriteBackStore } from '../../src/store/write-back-store.js';

export interface DecidePendingDeps {
  readonly leases: Leases;
  readonly mirror: Mirror;
  readonly decisions: DecisionStore;
  readonly writeBack: WriteBackStore;
}

export interface ManualVerdict {
  readonly registrationId: string;
  readonly verdict: 'approved' | 'rejected';
  /** Why, in the admin's words; it becomes part of the reason written to the CRM. */
  readonly note: string;
  /** Who decided (the admin token's identity), kept with the decision. */
  readonly actor: string;
}

export interface ManualDecision {
  readonly registration: DealRegistration;
  /** Write-back requests enqueued (0 when the mapping does not write registrations). */
  readonly writes: number;
  readonly issues: readonly string[];
}

/**
 * A person's verdict on a registration waiting for review, recorded the way the review job records
 * its own: under the same per-connection decision lease, through the lifecycle rules of
 * `resolveReview`, stored in the decision store (so the next automatic review sees it as decided and
 * leaves it alone) and enqueued for the normal write-back to the CRM. Refused with 409 when the
 * registration is not pending_review (already decided, by us or in the CRM).
 */
export async function decidePendingRegistration(
  deps: DecidePendingDeps,
  connectionId: string,
  input: ManualVerdict,
  ctx: { readonly mapping: Mapping; readonly rules: RegistrationRules; readonly now: string },
): Promise<ManualDecision> {
  return withDecisionLease(deps, connectionId, async () => {
    const found = await deps.mirror.get(connectionId, 'registration', input.registrationId);
    if (found === null)
      throw new AdminNotFoundError(`no registration ${input.registrationId} in connection ${connectionId}`);
    const stored = await deps.decisions.get(connectionId, 'registration', input.registrationId);
    const current = overlayDecision(found.entity, stored);
    const done = resolveReview(current, input.verdict, input.note, ctx.rules, ctx.now);
    if (!done.ok || current.status !== 'pending_review')
      throw new RegistrationNotPendingError(
        `Registration ${input.registrationId} is ${current.status}, not pending_review: it was already decided`,
      );
    const decided = done.registration;
    const partner = await deps.mirror.get(connectionId, 'partner', decided.partnerId);
    const out = planRegistrationWrite(ctx.mapping, {
      id: decided.id,
      status: decided.status,
      reason: done.reason,
      decidedAt: decided.decidedAt,
      expiresOn: decided.expiresOn,
      conflictWith: decided.conflictWith,
      partnerId: decided.partnerId,
      partnerName: partner?.kind === 'partner' ? partner.entity.name : null,
      submittedAt: decided.submittedAt,
    });
    const record: RegistrationRecord = {
      object: 'registration',
      recordId: decided.id,
      decidedAt: ctx.now,
      mapping: mappingStamp(ctx.mapping),
      action: 'review',
      status: decided.status,
      reason: done.reason,
      expiresOn: decided.expiresOn,
      conflictWith: decided.conflictWith,
      opportunityId: decided.opportunityId,
      // What the person decided on: the evidence of the review that sent it to them.
      evidence: stored?.evidence ?? null,
      existingPeople: stored?.existingPeople ?? [],
      decidedBy: input.actor,
    };
    await deps.writeBack.enqueue(connectionId, out.requests);
    await deps.decisions.put(connectionId, [record]);
    return { registration: decided, writes: out.requests.length, issues: out.issues };
  });
}
