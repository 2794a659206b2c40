import { isSupportedCountry } from 'libphonenumber-js';
import type { EntityKind } from '../src/domain/entities.js';
import type { Condition, Scalar } from './condition.js';
import { isTimeZone } from './date-time.js';
import { type FieldInfo, REF_TARGETS } from './entity-fields.js';
import { parsePath } from './read-field.js';
import type { FieldSpecObject } from './schema.js';
import { type CheckIssue, checkIssue, suggest } from './suggest.js';
import { type TransformObject, transformObject } from './transform-spec.js';

/** What a field check needs to know about the rest of the mapping. */
export interface CheckContext {
  /** Object key → entity it produces, for references. */
  readonly objects: ReadonlyMap<string, EntityKind>;
  /** Whether the object iterates a list (`each`), so `$item.` paths are valid. */
  readonly hasEach: boolean;
}

const OUTPUT: Partial<Record<TransformObject['fn'], FieldInfo['type']>> = {
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  split: 'list',
  join: 'string',
  concat: 'string',
  trim: 'string',
  lower: 'string',
  upper: 'string',
  string: 'string',
  email: 'string',
  domain: 'string',
  domainFromEmail: 'string',
  domainFromWebsite: 'string',
  phone: 'string',
  currency: 'string',
};

function fits(produced: FieldInfo['type'], target: FieldInfo['type']): boolean {
  if (target === 'list' || produced === target) return true;
  return produced === 'string' && target === 'enum';
}

let zones: readonly string[] | null = null;
function timeZoneIssue(path: string, tz: string): CheckIssue[] {
  if (isTimeZone(tz)) return [];
  zones ??= Intl.supportedValuesOf('timeZone');
  return [checkIssue(path, `unknown time zone "${tz}"`, suggest(tz, zones))];
}

export function checkPath(path: string, at: string, ctx: CheckContext): CheckIssue[] {
  const segments = parsePath(path);
  if (segments === null)
    return [checkIssue(at, `malformed field path "${path}" (use a.b or list[key=value].c)`)];
  if (segments[0]?.name === '$item' && !ctx.hasEach)
    return [checkIssue(at, `"${path}" reads $item, but the object has no each`)];
  return [];
}

export function checkCondition(c: Condition, at: string, ctx: CheckContext): CheckIssue[] {
  if ('all' in c) return c.all.flatMap((x, i) => checkCondition(x, `${at}.all.${i}`, ctx));
  if ('any' in c) return c.any.flatMap((x, i) => checkCondition(x, `${at}.any.${i}`, ctx));
  if ('not' in c) return checkCondition(c.not, `${at}.not`, ctx);
  const issues = checkPath(c.field, `${at}.field`, ctx);
  if (c.matches !== undefined) {
    try {
      new RegExp(c.matches);
    } catch (err) {
      issues.push(
        checkIssue(
          `${at}.matches`,
          `invalid regular expression: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
    }
  }
  return issues;
}

function checkTransform(t: TransformObject, at: string, ctx: CheckContext): CheckIssue[] {
  if ((t.fn === 'date' || t.fn === 'datetime') && t.timeZone !== undefined)
    return timeZoneIssue(`${at}.timeZone`, t.timeZone);
  if (t.fn === 'phone') {
    const issues: CheckIssue[] = [];
    if (t.defaultCountry !== undefined && !isSupportedCountry(t.defaultCountry)) {
      issues.push(
        checkIssue(
          `${at}.defaultCountry`,
          `unknown country "${t.defaultCountry}" (ISO-3166 alpha-2, e.g. US)`,
        ),
      );
    }
    const from =
      t.countryFrom === undefined ? [] : Array.isArray(t.countryFrom) ? t.countryFrom : [t.countryFrom];
    for (const p of from) issues.push(...checkPath(p, `${at}.countryFrom`, ctx));
    return issues;
  }
  if ((t.fn === 'split' || t.fn === 'join' || t.fn === 'concat') && t.separator === '') {
    return [checkIssue(`${at}.separator`, 'separator must not be empty')];
  }
  return [];
}

function checkValue(v: Scalar | string[], info: FieldInfo, field: string, at: string): CheckIssue[] {
  if (v === null) return info.nullable ? [] : [checkIssue(at, `${field} cannot be null`)];
  if (info.type === 'enum') {
    if (typeof v === 'string' && info.enumValues.includes(v)) return [];
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    return [
      checkIssue(
        at,
        `"${s}" is not a ${field} value (one of ${info.enumValues.join(', ')})`,
        suggest(s, info.enumValues),
      ),
    ];
  }
  if (info.type === 'boolean' && typeof v !== 'boolean')
    return [checkIssue(at, `${field} is a boolean; use true or false`)];
  if (info.type === 'number' && typeof v !== 'number') return [checkIssue(at, `${field} is a number`)];
  return [];
}

/** Checks one field spec against the canonical field it fills. */
export function checkField(
  name: string,
  spec: FieldSpecObject,
  info: FieldInfo,
  at: string,
  ctx: CheckContext,
): CheckIssue[] {
  const issues: CheckIssue[] = [];
  if (spec.from === undefined && spec.const === undefined && spec.default === undefined) {
    issues.push(checkIssue(at, 'needs from, const or default'));
  }
  if (spec.const !== undefined) {
    if (spec.from !== undefined) issues.push(checkIssue(`${at}.const`, 'const and from cannot both be set'));
    if (spec.transform !== undefined || spec.map !== undefined)
      issues.push(checkIssue(`${at}.const`, 'transform and map do not apply to const'));
    issues.push(...checkValue(spec.const, info, name, `${at}.const`));
  }
  if (spec.default !== undefined) issues.push(...checkValue(spec.default, info, name, `${at}.default`));
  for (const p of spec.from === undefined ? [] : Array.isArray(spec.from) ? spec.from : [spec.from])
    issues.push(...checkPath(p, `${at}.from`, ctx));
  if (spec.when !== undefined) issues.push(...checkCondition(spec.when, `${at}.when`, ctx));
  const steps =
    spec.transform === undefined ? [] : Array.isArray(spec.transform) ? spec.transform : [spec.transform];
  const stepAt = (i: number): string =>
    Array.isArray(spec.transform) ? `${at}.transform.${i}` : `${at}.transform`;
  steps.forEach((s, i) => issues.push(...checkTransform(transformObject(s), stepAt(i), ctx)));
  const last = steps.at(-1);
  const produced = last === undefined ? undefined : OUTPUT[transformObject(last).fn];
  if (spec.map === undefined && produced !== undefined && !fits(produced, info.type)) {
    issues.push(
      checkIssue(
        stepAt(steps.length - 1),
        `transform ${transformObject(last ?? 'string').fn} produces a ${produced}, but ${name} is a ${info.type}`,
      ),
    );
  }
  if (spec.map !== undefined) {
    if (info.type !== 'enum' && info.type !== 'boolean') {
      issues.push(
        checkIssue(`${at}.map`, `value map on ${name}, which is a ${info.type}, not an enum or boolean`),
      );
    } else {
      for (const [k, v] of Object.entries(spec.map))
        issues.push(...checkValue(v, info, name, `${at}.map.${k}`));
      if (spec.otherwise !== undefined)
        issues.push(...checkValue(spec.otherwise, info, name, `${at}.otherwise`));
    }
  } else if (spec.otherwise !== undefined) {
    issues.push(checkIssue(`${at}.otherwise`, 'otherwise needs a value map'));
  }
  if (spec.ref !== undefined) issues.push(...checkRef(name, spec.ref, `${at}.ref`, ctx));
  return issues;
}

function checkRef(
  name: string,
  ref: NonNullable<FieldSpecObject['ref']>,
  at: string,
  ctx: CheckContext,
): CheckIssue[] {
  const expected = REF_TARGETS[name];
  if (expected === undefined)
    return [
      checkIssue(at, `${name} is not an id field; references fit ${Object.keys(REF_TARGETS).join(', ')}`),
    ];
  const entity = ctx.objects.get(ref.object);
  if (entity === undefined)
    return [
      checkIssue(
        `${at}.object`,
        `unknown object "${ref.object}"`,
        suggest(ref.object, [...ctx.objects.keys()]),
      ),
    ];
  const issues: CheckIssue[] = [];
  if (entity !== expected)
    issues.push(
      checkIssue(
        `${at}.object`,
        `object "${ref.object}" maps to ${entity}, but ${name} refers to ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}`,
      ),
    );
  if (ref.by === 'externalId' && ref.field === undefined)
    issues.push(checkIssue(`${at}.field`, 'by: externalId needs the external-id field'));
  return issues;
}

export { timeZoneIssue };
