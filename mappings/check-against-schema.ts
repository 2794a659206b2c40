import { z } from 'zod';
import { decisionFields, entityFields, type FieldInfo } from './entity-fields.js';
import { type Mapping, type ObjectMapping, fieldSpecObject } from './schema.js';
import { type CheckIssue, checkIssue, suggest } from './suggest.js';
import type { Condition } from './condition.js';
import { transformObject } from './transform-spec.js';
import { orgFeatureOf } from './org-feature-fields.js';

/** One CRM field as the describe / properties API reports it (Salesforce `type`, HubSpot `type`). */
export const DescribeField = z.looseObject({ name: z.string().min(1), type: z.string().min(1) });
export type DescribeField = z.infer<typeof DescribeField>;
/** CRM object type → its fields, e.g. `{ Lead: [{ name: 'Email', type: 'email' }, …] }`. */
export const DescribeData = z.record(z.string(), z.array(DescribeField));
export type DescribeData = Readonly<Record<string, readonly DescribeField[]>>;

type Group = 'number' | 'boolean' | 'date' | 'datetime' | 'text';
const GROUPS: Readonly<Record<string, Group>> = {
  currency: 'number',
  double: 'number',
  percent: 'number',
  int: 'number',
  integer: 'number',
  long: 'number',
  number: 'number',
  boolean: 'boolean',
  bool: 'boolean',
  date: 'date',
  datetime: 'datetime',
};
const groupOf = (type: string): Group => GROUPS[type.toLowerCase()] ?? 'text';

/** Which CRM field groups can feed (or receive) a canonical field type without a transform. */
function fits(info: FieldInfo, group: Group): boolean {
  switch (info.type) {
    case 'number':
      return group === 'number';
    case 'boolean':
      return group === 'boolean';
    case 'date':
      return group === 'date';
    case 'datetime':
      return group === 'datetime' || group === 'date';
    case 'list':
    case 'object':
      return true;
    case 'string':
    case 'enum':
      return group === 'text';
  }
}

/** Record-level keys every HubSpot v3 record has, outside `properties`. */
const HUBSPOT_TOP = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'archived',
  'archivedAt',
  'associations',
  'properties',
]);

/** The CRM field a path depends on, or null when it cannot be checked (lists, $item, HubSpot record keys). */
export function crmFieldOf(mapping: Mapping, path: string): string | null {
  if (path.startsWith('$item') || path.includes('[')) return null;
  const [first = '', ...rest] = path.split('.');
  if (mapping.provider === 'hubspot') {
    if (first === 'properties' && rest.length === 1) return rest[0] ?? null;
    return rest.length === 0 && !HUBSPOT_TOP.has(first) ? first : null;
  }
  if (first === 'attributes') return null;
  if (rest.length === 0) return first;
  return first.endsWith('__r') ? first.replace(/__r$/, '__c') : `${first}Id`;
}

export function conditionPaths(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(conditionPaths);
  if ('any' in c) return c.any.flatMap(conditionPaths);
  if ('not' in c) return conditionPaths(c.not);
  return [c.field];
}

function checkObject(
  mapping: Mapping,
  key: string,
  om: ObjectMapping,
  describe: DescribeData,
  notes: CheckIssue[],
): CheckIssue[] {
  const at = `objects.${key}`;
  const fields = describe[om.source];
  if (fields === undefined)
    return [
      checkIssue(
        `${at}.source`,
        `the CRM has no object "${om.source}"`,
        suggest(om.source, Object.keys(describe)),
      ),
    ];
  const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  const names = fields.map((f) => f.name);
  const issues: CheckIssue[] = [];
  const exists = (path: string, where: string): DescribeField | null => {
    const field = crmFieldOf(mapping, path);
    if (field === null) return null;
    const found = byName.get(field.toLowerCase());
    const feature = found === undefined ? orgFeatureOf(mapping.provider, field) : null;
    if (found === undefined && feature !== null)
      notes.push(
        checkIssue(
          where,
          `${om.source} has no field "${field}" (only orgs with ${feature} enabled have it); it reads as empty`,
        ),
      );
    else if (found === undefined)
      issues.push(checkIssue(where, `${om.source} has no field "${field}"`, suggest(field, names)));
    return found ?? null;
  };
  if (om.where !== undefined) for (const p of conditionPaths(om.where)) exists(p, `${at}.where`);
  const targets = entityFields(om.entity);
  for (const [name, raw] of Object.entries(om.fields)) {
    const spec = fieldSpecObject(raw);
    const fat = `${at}.fields.${name}`;
    const from = spec.from === undefined ? [] : Array.isArray(spec.from) ? spec.from : [spec.from];
    const found = from.map((p) => exists(p, `${fat}.from`));
    if (spec.when !== undefined) for (const p of conditionPaths(spec.when)) exists(p, `${fat}.when`);
    const steps =
      spec.transform === undefined ? [] : Array.isArray(spec.transform) ? spec.transform : [spec.transform];
    for (const t of steps.map(transformObject)) {
      if (t.fn !== 'phone' || t.countryFrom === undefined) continue;
      for (const p of Array.isArray(t.countryFrom) ? t.countryFrom : [t.countryFrom])
        exists(p, `${fat}.transform`);
    }
    const info = targets[name];
    // A reference holds a record id, whatever type the CRM gives it (HubSpot ids are numbers).
    if (info === undefined || steps.length > 0 || spec.map !== undefined || spec.ref !== undefined) continue;
    for (const f of found) {
      if (f !== null && !fits(info, groupOf(f.type))) {
        issues.push(
          checkIssue(
            `${fat}.from`,
            `${om.source}.${f.name} is a ${f.type} field, but ${name} is a ${info.type} (add a transform)`,
          ),
        );
      }
    }
  }
  return issues;
}

function checkTargets(mapping: Mapping, describe: DescribeData): CheckIssue[] {
  const issues: CheckIssue[] = [];
  for (const [key, target] of Object.entries(mapping.writeBack ?? {})) {
    const at = `writeBack.${key}`;
    const fields = describe[target.object];
    if (fields === undefined) {
      issues.push(
        checkIssue(
          `${at}.object`,
          `the CRM has no object "${target.object}"`,
          suggest(target.object, Object.keys(describe)),
        ),
      );
      continue;
    }
    const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
    const known = decisionFields(target.entity);
    if (target.upsertBy !== undefined && !byName.has(target.upsertBy.toLowerCase())) {
      issues.push(
        checkIssue(
          `${at}.upsertBy`,
          `${target.object} has no field "${target.upsertBy}"`,
          suggest(
            target.upsertBy,
            fields.map((f) => f.name),
          ),
        ),
      );
    }
    for (const [name, spec] of Object.entries(target.fields)) {
      const crmField = typeof spec === 'string' ? spec : spec.field;
      const f = byName.get(crmField.toLowerCase());
      const fat = `${at}.fields.${name}`;
      if (f === undefined) {
        issues.push(
          checkIssue(
            fat,
            `${target.object} has no field "${crmField}"`,
            suggest(
              crmField,
              fields.map((x) => x.name),
            ),
          ),
        );
        continue;
      }
      const info = known[name];
      const mapsValues = typeof spec !== 'string' && spec.values !== undefined;
      if (
        info !== undefined &&
        !mapsValues &&
        !fits(info, groupOf(f.type)) &&
        !(info.type === 'boolean' && f.type === 'enumeration')
      ) {
        issues.push(
          checkIssue(fat, `${target.object}.${f.name} is a ${f.type} field, but ${name} is a ${info.type}`),
        );
      }
    }
  }
  return issues;
}

/**
 * Checks a valid mapping against the CRM's own schema (describe / properties data supplied by the
 * connector): every referenced field exists and has a type that fits. Pure; an empty list means fit.
 */
export function checkAgainstSchema(mapping: Mapping, describe: DescribeData): CheckIssue[] {
  return checkAgainstSchemaWithNotes(mapping, describe).issues;
}

/**
 * `checkAgainstSchema` plus notes: fields the mapping reads that only orgs with some setting on have
 * (multi-currency `CurrencyIsoCode`, state/country picklist codes, …). A note is not a failure.
 */
export function checkAgainstSchemaWithNotes(
  mapping: Mapping,
  describe: DescribeData,
): { issues: CheckIssue[]; notes: CheckIssue[] } {
  const notes: CheckIssue[] = [];
  const issues = [
    ...Object.entries(mapping.objects).flatMap(([key, om]) => checkObject(mapping, key, om, describe, notes)),
    ...checkTargets(mapping, describe),
  ];
  return { issues, notes };
}
