import type { FieldInfo } from './entity-fields.js';
import { type CheckIssue, checkIssue, suggest } from './suggest.js';

/**
 * A write-back value map (our enum word → the CRM's picklist value) is only meaningful on an enum
 * result, and each of its keys must be one of that enum's words.
 */
export function checkValueMap(
  at: string,
  name: string,
  info: FieldInfo,
  values: Readonly<Record<string, unknown>>,
): CheckIssue[] {
  if (info.type !== 'enum')
    return [checkIssue(at, `value map on ${name}, which is a ${info.type}, not an enum`)];
  return Object.keys(values)
    .filter((k) => !info.enumValues.includes(k))
    .map((k) =>
      checkIssue(
        `${at}.${k}`,
        `"${k}" is not a ${name} value (one of ${info.enumValues.join(', ')})`,
        suggest(k, info.enumValues),
      ),
    );
}
