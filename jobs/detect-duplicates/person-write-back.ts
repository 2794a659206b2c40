import { planWriteBack } from '../../mappings/index.js';
import type { Mapping } from '../../mappings/index.js';
import type { Person } from '../../src/domain/entities.js';
import type { WriteBackRequest } from '../../src/store/write-back-store.js';
import type { DuplicateStatus } from '../../src/matching/duplicate-status.js';

export type PersonWriteBack =
  | { readonly ok: true; readonly request: WriteBackRequest }
  | { readonly ok: false; readonly message: string };

/**
 * The write-back request for a person's duplicate fields, on the CRM record it came from (Lead or
 * Contact in Salesforce, contacts in HubSpot). Pure.
 */
export function personWriteBack(
  mapping: Mapping,
  connectionId: string,
  person: Person,
  status: DuplicateStatus,
): PersonWriteBack {
  const ref = person.refs.find((r) => r.connection === connectionId) ?? person.refs[0];
  const target = ref === undefined ? { id: person.id } : { objectType: ref.objectType, id: ref.id };
  const planned = planWriteBack(mapping, 'person', status, target);
  if (!planned.ok)
    return { ok: false, message: planned.issues.map((i) => `${i.path}: ${i.message}`).join('; ') };
  const { objectType, operation, idField, id, fields } = planned.plan;
  return { ok: true, request: { objectType, operation, idField, id, fields } };
}
