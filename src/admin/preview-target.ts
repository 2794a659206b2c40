import type { ErrorIssue } from '../core/errors/index.js';
import type { Mapping } from '../../mappings/index.js';

// https://help.salesforce.com/s/articleView?id=000385008&type=1 — 15 or 18 case-sensitive alphanumerics.
const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
// https://developers.hubspot.com/docs/api/crm/understanding-the-crm — record ids (hs_object_id) are numeric.
const HUBSPOT_ID = /^\d{1,20}$/;

/** The object types a mapping can preview: those it reads, and those it writes back to. */
export function previewableObjects(mapping: Mapping): string[] {
  const types = new Set<string>();
  for (const object of Object.values(mapping.objects)) types.add(object.source);
  for (const target of Object.values(mapping.writeBack ?? {})) types.add(target.object);
  return [...types].sort();
}

/**
 * Checks a preview request before any CRM call: the object must be one the mapping knows (so nothing
 * like `Lead WHERE Id!=null` or `..` ever reaches a query or a URL path) and the id must have the
 * CRM's record-id syntax. Returns the issues, empty when the request may go ahead.
 */
export function previewTargetIssues(mapping: Mapping, object: string, id: string): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const known = previewableObjects(mapping);
  if (!known.includes(object)) {
    issues.push({
      path: 'body.object',
      message: `not an object type this mapping knows; one of: ${known.join(', ')}`,
    });
  }
  const idSyntax = mapping.provider === 'salesforce' ? SALESFORCE_ID : HUBSPOT_ID;
  if (!idSyntax.test(id)) {
    issues.push({
      path: 'body.id',
      message:
        mapping.provider === 'salesforce'
          ? 'not a Salesforce record id (15 or 18 letters and digits)'
          : 'not a HubSpot record id (digits)',
    });
  }
  return issues;
}
