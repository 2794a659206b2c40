import type { Mapping } from '../../mappings/schema.js';
import type { PendingWrite } from '../../src/store/write-back-store.js';
import { WhyObject } from '../../src/why-link/why-link.js';
import type { WhyLinks } from '../../src/why-link/why-links.js';

/** The CRM field that takes the "Why?" link on one object type, and the entity its page explains. */
function whyFieldOf(mapping: Mapping, objectType: string): { field: string; object: WhyObject } | null {
  for (const target of Object.values(mapping.writeBack ?? {})) {
    const object = WhyObject.safeParse(target.entity);
    const spec = target.fields['whyUrl'];
    if (target.object !== objectType || !object.success || spec === undefined) continue;
    return { field: typeof spec === 'string' ? spec : spec.field, object: object.data };
  }
  return null;
}

/**
 * Pure: every update of a decided record (person, opportunity, registration) also writes that record's
 * signed "Why?" link, where the mapping maps `whyUrl`. The link only changes when the key does, so the
 * diff against what we last wrote sends it once per record and key.
 */
export function addWhyLinks(
  pending: readonly PendingWrite[],
  mapping: Mapping,
  connection: string,
  links: WhyLinks | undefined,
): PendingWrite[] {
  if (links === undefined) return [...pending];
  return pending.map((p) => {
    const { request } = p;
    if (request.operation !== 'update') return p;
    const why = whyFieldOf(mapping, request.objectType);
    if (why === null || Object.hasOwn(request.fields, why.field)) return p;
    const url = links.urlOf({ connection, object: why.object, recordId: request.id });
    if (url === null) return p;
    return { ...p, request: { ...request, fields: { ...request.fields, [why.field]: url } } };
  });
}
