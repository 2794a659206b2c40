import type { Mapping } from '../../mappings/schema.js';

/** CRM object types the mapping reads; changes to any other type need no re-read. */
export function mappingSources(mapping: Mapping): Set<string> {
  return new Set(Object.values(mapping.objects).map((o) => o.source));
}
