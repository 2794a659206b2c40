import type { Mapping } from '../../mappings/schema.js';
import type { DealRegistration } from '../../src/domain/entities.js';
import { addWrite, emptyRequests, type PlannedRequests } from '../shared/write-requests.js';

/** The registration fields a review decision writes, whether the review job or a person decided. */
export interface RegistrationDecisionFields {
  readonly id: string;
  readonly status: DealRegistration['status'];
  readonly reason: string;
  readonly decidedAt: string | null;
  readonly expiresOn: string | null;
  readonly conflictWith: string | null;
  /** Unchanged, but lets a mapping associate the registration with its partner (HubSpot company). */
  readonly partnerId: string;
  /** The partner by name, for a CRM that shows the id property as a number (HubSpot). */
  readonly partnerName: string | null;
  /** When the partner submitted it: a rep reads Submitted At beside Decided At. */
  readonly submittedAt: string;
}

export function planRegistrationWrite(mapping: Mapping, fields: RegistrationDecisionFields): PlannedRequests {
  const out = emptyRequests();
  const { id, ...written } = fields;
  addWrite(out, mapping, 'registration', written, { id });
  return out;
}
