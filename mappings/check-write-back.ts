import { decisionFields } from './entity-fields.js';
import { type CheckIssue, checkIssue, suggest } from './suggest.js';
import { checkValueMap } from './check-value-map.js';
import type { WriteBackTarget } from './write-back-spec.js';

/** Checks one write-back target: known result fields, value maps onto enums, one result per CRM field. */
export function checkWriteBackTarget(key: string, target: WriteBackTarget): CheckIssue[] {
  const at = `writeBack.${key}`;
  const known = decisionFields(target.entity);
  const issues: CheckIssue[] = [];
  if (target.entity === 'attribution' && target.upsertBy === undefined) {
    issues.push(
      checkIssue(
        `${at}.upsertBy`,
        'attribution records are created by us: name the external-id field to upsert by',
      ),
    );
  }
  const writtenBy = new Map<string, string>();
  for (const [name, spec] of Object.entries(target.fields)) {
    const fat = `${at}.fields.${name}`;
    const info = known[name];
    if (info === undefined) {
      issues.push(
        checkIssue(fat, `unknown ${target.entity} result "${name}"`, suggest(name, Object.keys(known))),
      );
      continue;
    }
    const crmField = typeof spec === 'string' ? spec : spec.field;
    const previous = writtenBy.get(crmField.toLowerCase());
    if (previous !== undefined) {
      issues.push(
        checkIssue(
          typeof spec === 'string' ? fat : `${fat}.field`,
          `"${crmField}" is already written by ${previous}`,
        ),
      );
    } else {
      writtenBy.set(crmField.toLowerCase(), name);
    }
    if (typeof spec === 'string') continue;
    if (target.upsertBy !== undefined && crmField === target.upsertBy) {
      issues.push(
        checkIssue(`${fat}.field`, `"${crmField}" is the upsertBy key; it is written from the external key`),
      );
    }
    if (spec.values !== undefined) issues.push(...checkValueMap(`${fat}.values`, name, info, spec.values));
    if (spec.associate !== undefined && info.type !== 'string')
      issues.push(checkIssue(`${fat}.associate`, `${name} is a ${info.type}, not a record id`));
    if (spec.join !== undefined && info.type !== 'list')
      issues.push(checkIssue(`${fat}.join`, `${name} is a ${info.type}, not a list`));
  }
  return issues;
}
