import type { CanonicalEntity } from '../src/domain/entities.js';
import type { TransformEnv } from './apply-transform.js';
import { entityFields } from './entity-fields.js';
import { evaluateCondition } from './evaluate-condition.js';
import { type MappingIssue, type PendingReference, mapField } from './map-field.js';
import { type ReadScope, readField, recordId } from './read-field.js';
import { type Mapping, fieldSpecObject } from './schema.js';
import { toCanonical } from './to-canonical.js';

/** Per-call settings. `connection` names the CRM connection in every `CrmRef`. */
export interface MapContext {
  readonly connection: string;
  /** Fallbacks when the mapping's `defaults` do not say. */
  readonly timeZone?: string;
  readonly currency?: string;
  readonly phoneCountry?: string;
}

/** One canonical entity produced from one record by one object mapping. */
export interface MappedEntity {
  readonly object: string;
  readonly entity: CanonicalEntity;
  readonly references: readonly PendingReference[];
}

export type ObjectMapResult =
  | { readonly ok: true; readonly entities: readonly MappedEntity[] }
  | { readonly ok: false; readonly issues: readonly MappingIssue[] };

function listAt(scope: ReadScope, path: string): unknown[] {
  const v = readField(scope, path);
  return v === null ? [] : Array.isArray(v) ? v : [v];
}

/**
 * Maps a record with one object mapping (`objects.<key>`): none when `where` does not match, one per
 * record, or one per `each` element. Pure: the result depends only on the arguments.
 */
export function mapObject(
  mapping: Mapping,
  key: string,
  record: Readonly<Record<string, unknown>>,
  ctx: MapContext,
): ObjectMapResult {
  const om = mapping.objects[key];
  if (om === undefined)
    return { ok: false, issues: [{ path: `objects.${key}`, message: `no object "${key}" in the mapping` }] };
  const base = `objects.${key}`;
  const top: ReadScope = { provider: mapping.provider, record };
  const id = recordId(top, om.idField);
  if (id === null) {
    return {
      ok: false,
      issues: [
        {
          path: `${base}.idField`,
          message: `record has no id at "${om.idField ?? (mapping.provider === 'salesforce' ? 'Id' : 'id')}"`,
        },
      ],
    };
  }
  const ref = { connection: ctx.connection, objectType: om.source, id };
  const items: unknown[] = om.each === undefined ? [undefined] : listAt(top, om.each);
  const targets = entityFields(om.entity);
  const entities: MappedEntity[] = [];
  const issues: MappingIssue[] = [];
  for (const item of items) {
    const scope: ReadScope = item === undefined ? top : { ...top, item };
    const read = (path: string): unknown => readField(scope, path);
    if (om.where !== undefined && !evaluateCondition(om.where, read)) continue;
    const env: TransformEnv = {
      timeZone: mapping.defaults?.timeZone ?? ctx.timeZone ?? 'UTC',
      currency: mapping.defaults?.currency ?? ctx.currency,
      phoneCountry: mapping.defaults?.phoneCountry ?? ctx.phoneCountry,
      read,
    };
    const data: Record<string, unknown> = {};
    for (const [name, info] of Object.entries(targets))
      if (info.nullable) data[name] = info.type === 'list' ? [] : null;
    data.id = id;
    if (om.entity === 'touch') data.source = ref;
    else data.refs = [ref];
    const references: PendingReference[] = [];
    for (const [name, spec] of Object.entries(om.fields)) {
      const r = mapField(name, fieldSpecObject(spec), targets[name], env, `${base}.fields.${name}`);
      if (!r.ok) {
        issues.push(r.issue);
        continue;
      }
      data[name] = r.value;
      if (r.reference !== null) references.push(r.reference);
    }
    if (issues.length > 0) continue;
    const canonical = toCanonical(om.entity, data);
    if (canonical.ok) {
      entities.push({ object: key, entity: canonical.value, references });
      continue;
    }
    for (const zi of canonical.issues) {
      const field = String(zi.path[0] ?? '');
      const mapped = Object.hasOwn(om.fields, field);
      const received = field === '' ? '' : ` (got ${JSON.stringify(data[field] ?? null)})`;
      issues.push({
        path: mapped ? `${base}.fields.${field}` : field === 'id' ? `${base}.idField` : `${base}.fields`,
        message:
          mapped || field === 'id'
            ? `${zi.message}${received}`
            : `${field}: ${zi.message} (field is not mapped)`,
      });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, entities };
}
