import type { DealRegistration } from '../../src/domain/entities.js';
import type { MappingStamp, RegistrationRecord } from '../../src/store/decision-store.js';

/** The decision stored for a registration that expired unconverted, so "Why?" can say when and why. */
export function expiryRecord(
  r: DealRegistration,
  reason: string,
  now: string,
  mapping: MappingStamp,
): RegistrationRecord {
  return {
    object: 'registration',
    recordId: r.id,
    decidedAt: now,
    mapping,
    action: 'expire',
    status: 'expired',
    reason,
    expiresOn: r.expiresOn,
    conflictWith: r.conflictWith,
    opportunityId: r.opportunityId,
    evidence: null,
    existingPeople: [],
  };
}
