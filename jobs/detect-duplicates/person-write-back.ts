import { planWriteBack } from '../../mappings/index.js';
import type { Mapping, PersonDecision } from '../../mappings/index.js';
import type { Person } from '../../src/domain/entities.js';
import { duplicatePercent } from '../../src/explain/rep-words/index.js';
import type { WriteBackRequest } from '../../src/store/write-back-store.js';
import type { DuplicateStatus } from '../../src/matching/duplicate-status.js';

export type PersonWriteBack =
  | { readonly ok: true; readonly request: WriteBackRequest }
  | { readonly ok: false; readonly message: string };

function fullName(person: Person): string | null {
  const name = [person.firstName, person.lastName].filter((p) => p !== null && p !== '').join(' ');
  return name === '' ? (person.email ?? null) : name;
}

/**
 * What a rep sees beside the flag: the record to keep by name and as a link (a lookup per target
 * object: a Lead or a Contact), and the score as a whole percentage.
 */
export function personDecision(status: DuplicateStatus, keep: Person | undefined): PersonDecision {
  const of = status.duplicateOf;
  return {
    ...status,
    duplicateOfLead: of !== null && keep?.kind === 'lead' ? of : null,
    duplicateOfContact: of !== null && keep?.kind === 'contact' ? of : null,
    duplicateOfName: of === null || keep === undefined ? null : fullName(keep),
    duplicatePercent: status.duplicateScore === null ? null : duplicatePercent(status.duplicateScore),
  };
}

/**
 * The write-back request for a person's duplicate fields, on the CRM record it came from (Lead or
 * Contact in Salesforce, contacts in HubSpot). `keep`: the record it duplicates, when it is one. Pure.
 */
export function personWriteBack(
  mapping: Mapping,
  connectionId: string,
  person: Person,
  status: DuplicateStatus,
  keep?: Person,
): PersonWriteBack {
  const ref = person.refs.find((r) => r.connection === connectionId) ?? person.refs[0];
  const target = ref === undefined ? { id: person.id } : { objectType: ref.objectType, id: ref.id };
  const planned = planWriteBack(mapping, 'person', personDecision(status, keep), target);
  if (!planned.ok)
    return { ok: false, message: planned.issues.map((i) => `${i.path}: ${i.message}`).join('; ') };
  const { objectType, operation, idField, id, fields } = planned.plan;
  return { ok: true, request: { objectType, operation, idField, id, fields } };
}
