import type { FieldDescription, ProvisionItem } from '../../connectors/port.js';
import { INTEGRATION_PERMISSION_SET } from '../../connectors/salesforce/permission-plan.js';
import { checkAgainstSchema } from '../../mappings/check-against-schema.js';
import type { Mapping } from '../../mappings/schema.js';

const FIX =
  `grant it to the integration user in permission set ${INTEGRATION_PERMISSION_SET} ` +
  '(Setup → Permission Sets → Object Settings), or run `partnersync provision` again';

/**
 * Pure: after provisioning, what the mapping needs that our own user cannot use. Salesforce describe
 * lists only the fields the user can read (field-level security), and marks those it cannot edit
 * `updateable: false`; so a field the mapping reads that describe lacks is unreadable, and a
 * write-back field with `updateable: false` is read-only for us. Each finding names the fix.
 */
export function fieldAccessIssues(
  mapping: Mapping,
  describe: Readonly<Record<string, readonly FieldDescription[]>>,
): ProvisionItem[] {
  const items: ProvisionItem[] = checkAgainstSchema(
    mapping,
    Object.fromEntries(
      Object.entries(describe).map(([o, fields]) => [o, fields.map((f) => ({ name: f.name, type: f.type }))]),
    ),
  )
    .filter((i) => / has no (field|object) /.test(i.message))
    .map((i) => ({
      kind: 'field',
      name: i.path,
      status: 'failed',
      detail: `not readable by our user: ${i.message}; ${FIX}`,
    }));
  for (const target of Object.values(mapping.writeBack ?? {})) {
    const fields = new Map((describe[target.object] ?? []).map((f) => [f.name.toLowerCase(), f]));
    for (const spec of Object.values(target.fields)) {
      const name = typeof spec === 'string' ? spec : spec.field;
      if (fields.get(name.toLowerCase())?.updateable !== false) continue;
      items.push({
        kind: 'field',
        name: `${target.object}.${name}`,
        status: 'failed',
        detail: `not writable by our user (describe says updateable: false); ${FIX}`,
      });
    }
  }
  return items;
}
