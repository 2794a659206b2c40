import type { CrmConnector } from '../../connectors/port.js';
import { type DescribeData, checkAgainstSchemaWithNotes } from '../../mappings/check-against-schema.js';
import type { Mapping } from '../../mappings/schema.js';
import type { CheckIssue } from '../../mappings/suggest.js';

/** Every CRM object a mapping reads or writes. */
export function mappingObjects(mapping: Mapping): string[] {
  const read = Object.values(mapping.objects).map((o) => o.source);
  const written = Object.values(mapping.writeBack ?? {}).map((t) => t.object);
  return [...new Set([...read, ...written])].sort();
}

/**
 * Describes every object of a mapping through the connector, for `checkAgainstSchema`. An object the
 * CRM does not know is left out (the check then reports each field the mapping uses on it).
 */
export async function describeForMapping(
  connector: CrmConnector,
  mapping: Mapping,
  signal: AbortSignal,
): Promise<{ describe: DescribeData; missing: string[] }> {
  const describe: Record<string, { name: string; type: string }[]> = {};
  const missing: string[] = [];
  for (const object of mappingObjects(mapping)) {
    try {
      // Fresh: an admin checking a mapping has often just added the field in the CRM.
      describe[object] = (await connector.describe(object, { signal, fresh: true })).map((f) => ({
        name: f.name,
        type: f.type,
      }));
    } catch (err) {
      if (err instanceof Error && err.name === 'CrmRejectedError') missing.push(object);
      else throw err;
    }
  }
  return { describe, missing };
}

/**
 * Checks a valid mapping against the live CRM: every object it names exists, every field it reads or
 * writes exists with a fitting type. `notes` are fields only orgs with some setting on have.
 */
export async function checkMappingAgainstCrm(
  connector: CrmConnector,
  mapping: Mapping,
  signal: AbortSignal,
): Promise<{ issues: CheckIssue[]; notes: CheckIssue[] }> {
  const { describe } = await describeForMapping(connector, mapping, signal);
  // A missing object shows as `objects.<key>.source` / `writeBack.<key>.object`: the CRM has no object.
  return checkAgainstSchemaWithNotes(mapping, describe);
}
