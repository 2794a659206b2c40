import { ASSOCIATION_FIELD_PREFIX } from '../../mappings/write-back-spec.js';
import type { CrmFields, CrmValue } from '../../src/store/write-back-store.js';

/** Associations a write asks for: the record we write → `toId` of `toType`. */
export interface AssociationWant {
  readonly toType: string;
  readonly toId: string;
}

/**
 * Pure: splits a write's fields into the CRM properties and the associations carried as `@assoc:<type>`
 * pseudo-fields (see `associate` in mappings/write-back-spec.ts). Empty ids ask for nothing.
 */
export function splitAssociations(fields: CrmFields): {
  properties: Record<string, CrmValue>;
  associations: AssociationWant[];
} {
  const properties: Record<string, CrmValue> = {};
  const associations: AssociationWant[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (!name.startsWith(ASSOCIATION_FIELD_PREFIX)) properties[name] = value;
    else if (typeof value === 'string' && value !== '')
      associations.push({ toType: name.slice(ASSOCIATION_FIELD_PREFIX.length), toId: value });
  }
  return { properties, associations };
}
