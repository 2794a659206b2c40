import type { z } from 'zod';
import { CONDITION_OPERATORS } from './condition.js';
import { FieldSpecObject, Mapping, MappingDefaults, ObjectMapping, RefSpec } from './schema.js';
import { type CheckIssue, checkIssue, suggest } from './suggest.js';
import { WriteBackTarget } from './write-back-spec.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

function valueAt(raw: unknown, path: Path): unknown {
  let v = raw;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

const TRANSFORM_KEYS = [
  'fn',
  'decimalSeparator',
  'true',
  'false',
  'timeZone',
  'defaultCountry',
  'countryFrom',
  'separator',
];
const CONDITION_KEYS = ['field', ...CONDITION_OPERATORS, 'ignoreCase', 'all', 'any', 'not'];

/** The keys allowed where an unknown key was found, for suggestions. */
function knownKeys(path: Path): readonly string[] {
  const p = path.map(String);
  if (p.includes('transform')) return TRANSFORM_KEYS;
  if (p.includes('where') || p.includes('when')) return CONDITION_KEYS;
  if (p.at(-1) === 'ref') return Object.keys(RefSpec.shape);
  if (p.length === 0) return Object.keys(Mapping.shape);
  if (p[0] === 'defaults') return Object.keys(MappingDefaults.shape);
  if (p[0] === 'objects' && p.length === 2) return Object.keys(ObjectMapping.shape);
  if (p[0] === 'objects' && p.length === 4) return Object.keys(FieldSpecObject.shape);
  if (p[0] === 'writeBack' && p.length === 2) return Object.keys(WriteBackTarget.shape);
  if (p[0] === 'writeBack' && p.length === 4) return ['field', 'values', 'join', 'maxLength'];
  return [];
}

function noun(path: Path): string {
  const last = String(path.at(-1) ?? '');
  const parent = String(path.at(-2) ?? '');
  if (last === 'fn' || last === 'transform' || parent === 'transform') return 'transform';
  const nouns: Record<string, string> = {
    entity: 'entity',
    provider: 'provider',
    by: 'reference kind',
    onInvalid: 'onInvalid mode',
  };
  return nouns[last] ?? 'value';
}

/** A union branch that failed at its root because the value has another type is not the one meant. */
function missesType(branch: readonly Issue[], raw: unknown): boolean {
  return branch.some(
    (i) =>
      i.path.length === 0 &&
      (i.code === 'invalid_type' || (i.code === 'invalid_value' && typeof raw === 'object')),
  );
}

/** Flattens unions to the branch the author meant, with absolute paths. */
function flatten(issue: Issue, prefix: Path, raw: unknown): { issue: Issue; path: Path }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ issue, path }];
  const here = valueAt(raw, path);
  const meant = issue.errors.filter((b) => !missesType(b, here));
  const pool = meant.length > 0 ? meant : issue.errors;
  const best = pool.reduce((a, b) => (b.length < a.length ? b : a));
  return best.flatMap((i) => flatten(i, path, raw));
}

function convert(issue: Issue, path: Path, raw: unknown): CheckIssue[] {
  const at = path.map(String).join('.');
  const value = valueAt(raw, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        checkIssue(at === '' ? key : `${at}.${key}`, `unknown key "${key}"`, suggest(key, knownKeys(path))),
      );
    case 'invalid_value': {
      const options = issue.values.map(String);
      if (typeof value === 'string')
        return [checkIssue(at, `unknown ${noun(path)} "${value}"`, suggest(value, options))];
      return [checkIssue(at, `must be ${options.length === 1 ? '' : 'one of '}${options.join(', ')}`)];
    }
    case 'invalid_union': {
      // zod adds `options` (untyped) when no discriminator value matched.
      const extra: unknown = (issue as { options?: unknown }).options;
      const options = Array.isArray(extra) ? extra.map(String) : [];
      if (options.length > 0 && typeof value === 'string') {
        return [checkIssue(at, `unknown ${noun(path)} "${value}"`, suggest(value, options))];
      }
      return [checkIssue(at, issue.message)];
    }
    case 'invalid_type':
      if (value === undefined) return [checkIssue(at, `is required (${issue.expected})`)];
      return [
        checkIssue(at, `expected ${issue.expected}, got ${Array.isArray(value) ? 'array' : typeof value}`),
      ];
    default:
      return [checkIssue(at, issue.message)];
  }
}

/** Turns zod's issues into path-named messages with suggestions, reading the raw value where needed. */
export function describeZodIssues(issues: readonly Issue[], raw: unknown): CheckIssue[] {
  return issues.flatMap((i) => flatten(i, [], raw)).flatMap(({ issue, path }) => convert(issue, path, raw));
}
