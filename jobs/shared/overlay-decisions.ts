import type { DealRegistration, RegistrationStatus } from '../../src/domain/entities.js';
import type { RegistrationRecord } from '../../src/store/decision-store.js';

const RANK: Readonly<Record<RegistrationStatus, number>> = {
  submitted: 0,
  pending_review: 1,
  approved: 2,
  rejected: 2,
  converted: 3,
  expired: 3,
};

/**
 * Pure: what we decided and wrote may not have come back through the mirror yet (the CRM echo lags),
 * so a registration whose stored decision is further along its lifecycle is seen with that decision.
 * A human's later change in the CRM (a further status) wins over ours. Our re-review of an approval
 * (`recheck`) wins over the approval it corrects, unless the CRM shows an approval decided after it.
 */
export function overlayDecision(
  registration: DealRegistration,
  stored: RegistrationRecord | null | undefined,
): DealRegistration {
  if (stored === null || stored === undefined) return registration;
  if (RANK[stored.status] <= RANK[registration.status] && !correctsApproval(registration, stored))
    return registration;
  return {
    ...registration,
    status: stored.status,
    reason: stored.reason,
    expiresOn: correctsApproval(registration, stored)
      ? stored.expiresOn
      : (stored.expiresOn ?? registration.expiresOn),
    conflictWith: stored.conflictWith,
    opportunityId: stored.opportunityId ?? registration.opportunityId,
  };
}

function correctsApproval(registration: DealRegistration, stored: RegistrationRecord): boolean {
  return (
    stored.action === 'recheck' &&
    registration.status === 'approved' &&
    (registration.decidedAt === null || Date.parse(registration.decidedAt) <= Date.parse(stored.decidedAt))
  );
}
