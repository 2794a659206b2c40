import type { Condition, FieldCondition, Scalar } from './condition.js';

/** Reads a source field path (see read-field.ts). */
export type FieldReader = (path: string) => unknown;

function text(value: unknown, ignoreCase: boolean): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return ignoreCase ? s.toLowerCase() : s;
}

function values(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function equals(actual: unknown, expected: Scalar, ignoreCase: boolean): boolean {
  if (expected === null) return actual === null;
  return values(actual).some((v) => v !== null && text(v, ignoreCase) === text(expected, ignoreCase));
}

function testField(c: FieldCondition, read: FieldReader): boolean {
  const actual = read(c.field);
  const ic = c.ignoreCase ?? false;
  if (c.eq !== undefined) return equals(actual, c.eq, ic);
  if (c.ne !== undefined) return !equals(actual, c.ne, ic);
  if (c.in !== undefined) return c.in.some((e) => equals(actual, e, ic));
  if (c.notIn !== undefined) return !c.notIn.some((e) => equals(actual, e, ic));
  if (c.exists !== undefined) return (actual !== null) === c.exists;
  if (c.contains !== undefined) {
    const needle = text(c.contains, ic);
    return values(actual).some((v) => v !== null && text(v, ic).includes(needle));
  }
  if (c.matches !== undefined) {
    let re: RegExp;
    try {
      re = new RegExp(c.matches, ic ? 'i' : '');
    } catch {
      return false;
    }
    return values(actual).some((v) => v !== null && re.test(text(v, false)));
  }
  return false;
}

/** Evaluates a `where`/`when` condition against one record. Values compare as strings. */
export function evaluateCondition(condition: Condition, read: FieldReader): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, read));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, read));
  if ('not' in condition) return !evaluateCondition(condition.not, read);
  return testField(condition, read);
}
