import type { Scalar } from './condition.js';
import type { FieldInfo } from './entity-fields.js';
import { applyTransform, type TransformEnv } from './apply-transform.js';
import { evaluateCondition } from './evaluate-condition.js';
import type { FieldSpecObject } from './schema.js';
import { transformObject } from './transform-spec.js';

/** A value the engine could not map, named by the mapping path at fault. */
export interface MappingIssue {
  readonly path: string;
  readonly message: string;
}

/** A reference the engine cannot resolve itself (external ids need a lookup); the caller resolves it. */
export interface PendingReference {
  readonly field: string;
  readonly object: string;
  readonly by: 'id' | 'externalId';
  readonly externalIdField: string | null;
  readonly value: string;
}

export type FieldOutcome =
  | { readonly ok: true; readonly value: unknown; readonly reference: PendingReference | null }
  | { readonly ok: false; readonly issue: MappingIssue };

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function lookup(map: Readonly<Record<string, Scalar>>, value: unknown): { found: boolean; value: Scalar } {
  const key = typeof value === 'string' ? value : JSON.stringify(value);
  if (Object.hasOwn(map, key)) return { found: true, value: map[key] ?? null };
  const folded = key.trim().toLowerCase();
  const hit = Object.entries(map).find(([k]) => k.trim().toLowerCase() === folded);
  return hit === undefined ? { found: false, value: null } : { found: true, value: hit[1] };
}

function readSource(spec: FieldSpecObject, env: TransformEnv): unknown {
  if (spec.from === undefined) return null;
  if (!Array.isArray(spec.from)) return env.read(spec.from);
  const values = spec.from.map((path) => env.read(path));
  const firstTransform = Array.isArray(spec.transform) ? spec.transform[0] : spec.transform;
  const fn = firstTransform === undefined ? undefined : transformObject(firstTransform).fn;
  return fn === 'concat' || fn === 'join' || fn === 'first'
    ? values
    : (values.find((v) => v !== null) ?? null);
}

function fitTarget(
  value: unknown,
  target: FieldInfo | undefined,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (target === undefined) return { ok: true, value };
  if (target.type === 'list')
    return { ok: true, value: value === null ? [] : Array.isArray(value) ? value : [value] };
  if (Array.isArray(value)) {
    if (value.length === 1) return { ok: true, value: value[0] as unknown };
    return {
      ok: false,
      message: `got ${value.length} values for a single-valued field (add transform first or join)`,
    };
  }
  if (target.type === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
    return { ok: true, value: String(value) };
  return { ok: true, value };
}

/**
 * Maps one field: when → const | from → transforms → value map → default → reference → target shape.
 * `path` is the field's mapping path, e.g. `objects.opportunity.fields.amount`.
 */
export function mapField(
  name: string,
  spec: FieldSpecObject,
  target: FieldInfo | undefined,
  env: TransformEnv,
  path: string,
): FieldOutcome {
  const issue = (at: string, message: string): FieldOutcome => ({ ok: false, issue: { path: at, message } });
  if (spec.when !== undefined && !evaluateCondition(spec.when, env.read)) {
    return { ok: true, value: target?.type === 'list' ? [] : null, reference: null };
  }
  let value: unknown = spec.const !== undefined ? spec.const : readSource(spec, env);
  const raw = value;
  if (spec.const === undefined && spec.transform !== undefined) {
    const steps = Array.isArray(spec.transform) ? spec.transform : [spec.transform];
    for (const [i, step] of steps.entries()) {
      const r = applyTransform(transformObject(step), value, env);
      if (r.ok) {
        value = r.value;
        continue;
      }
      const mode = spec.onInvalid === undefined ? 'fail' : (spec.onInvalid ?? 'null');
      if (mode === 'fail')
        return issue(
          Array.isArray(spec.transform) ? `${path}.transform.${i}` : `${path}.transform`,
          r.message,
        );
      value = mode === 'null' ? null : raw;
      break;
    }
  }
  if (spec.map !== undefined && value !== null) {
    const map = spec.map;
    const mapped: Scalar[] = [];
    for (const v of Array.isArray(value) ? (value as unknown[]) : [value]) {
      const hit = lookup(map, v);
      if (hit.found) mapped.push(hit.value);
      else if (spec.otherwise !== undefined) mapped.push(spec.otherwise);
      else
        return issue(
          `${path}.map`,
          `no value for ${show(v)} (known: ${Object.keys(map).join(', ')}; or set otherwise)`,
        );
    }
    value = Array.isArray(value) ? mapped : (mapped[0] ?? null);
  }
  if (value === null && spec.default !== undefined) value = spec.default;
  const fitted = fitTarget(value, target);
  if (!fitted.ok) return issue(path, fitted.message);
  let reference: PendingReference | null = null;
  if (spec.ref !== undefined && (typeof fitted.value === 'string' || typeof fitted.value === 'number')) {
    const by = spec.ref.by ?? 'id';
    reference = {
      field: name,
      object: spec.ref.object,
      by,
      externalIdField: spec.ref.field ?? null,
      value: String(fitted.value),
    };
  }
  return { ok: true, value: fitted.value, reference };
}
