import type { Provider } from '../src/domain/entities.js';
import { DECISION_SCHEMAS, type DecisionFieldsByEntity } from './decision-fields.js';
import { decisionFields } from './entity-fields.js';
import type { MappingIssue } from './map-field.js';
import type { Mapping } from './schema.js';
import {
  ASSOCIATION_FIELD_PREFIX,
  type WriteBackEntity,
  type WriteBackTarget,
  type WriteFieldSpec,
} from './write-back-spec.js';

export type CrmValue = string | number | boolean | null;

/** Which CRM record receives the write: an existing record by id, or one we upsert by external key. */
export interface WriteBackRecord {
  /** CRM object type; picks the target when several exist for the entity (Lead vs Contact). */
  readonly objectType?: string;
  readonly id?: string;
  readonly externalKey?: string;
}

export interface WriteBackPlan {
  /** Key of the target under `writeBack`. */
  readonly target: string;
  readonly objectType: string;
  readonly operation: 'update' | 'upsert';
  /** Record id (update) or external key value (upsert). */
  readonly id: string;
  /** `Id`/`id` for updates, the target's `upsertBy` field for upserts. */
  readonly idField: string;
  readonly fields: Readonly<Record<string, CrmValue>>;
  /** Decision fields given but not mapped by the target (the admin chose not to write them). */
  readonly skipped: readonly string[];
}

export type WriteBackPlanResult =
  | { readonly ok: true; readonly plan: WriteBackPlan }
  | { readonly ok: false; readonly issues: readonly MappingIssue[] };

function pickTarget(
  mapping: Mapping,
  entity: WriteBackEntity,
  objectType: string | undefined,
): [string, WriteBackTarget][] {
  return Object.entries(mapping.writeBack ?? {}).filter(
    ([, t]) => t.entity === entity && (objectType === undefined || t.object === objectType),
  );
}

function truncate(s: string, max: number | undefined): string {
  return max === undefined || s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}

/** Formats one decision value for the CRM: value maps, list joins, HubSpot's string-only properties. */
function crmValue(
  provider: Provider,
  spec: Exclude<WriteFieldSpec, string> | null,
  value: unknown,
): CrmValue {
  let v: unknown = value;
  if (spec?.values !== undefined && typeof v === 'string' && Object.hasOwn(spec.values, v))
    v = spec.values[v] ?? null;
  if (Array.isArray(v))
    v = v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(spec?.join ?? '; ');
  if (typeof v === 'string') v = truncate(v, spec?.maxLength);
  if (v === undefined || v === null) return provider === 'hubspot' ? '' : null;
  const scalar =
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  return provider === 'hubspot' ? String(scalar) : scalar;
}

/**
 * Plans the CRM write for our results on one record: which object, which record, which CRM fields with
 * which values. Pure; the write-back job coalesces and batches plans. Decision fields the target does
 * not map are listed in `skipped`.
 */
export function planWriteBack<K extends WriteBackEntity>(
  mapping: Mapping,
  entityKind: K,
  decision: DecisionFieldsByEntity[K],
  record: WriteBackRecord,
): WriteBackPlanResult {
  const issues: MappingIssue[] = [];
  const parsed = DECISION_SCHEMAS[entityKind].strict().safeParse(decision);
  if (!parsed.success) {
    for (const zi of parsed.error.issues)
      issues.push({ path: `decision.${zi.path.join('.')}`, message: zi.message });
    return { ok: false, issues };
  }
  const candidates = pickTarget(mapping, entityKind, record.objectType);
  const [chosen, ...others] = candidates;
  if (chosen === undefined || others.length > 0) {
    const on = record.objectType === undefined ? '' : ` on ${record.objectType}`;
    const message =
      chosen === undefined
        ? `no write-back target for ${entityKind}${on}`
        : `several write-back targets for ${entityKind} (${candidates.map(([k]) => k).join(', ')}); pass objectType`;
    return { ok: false, issues: [{ path: 'writeBack', message }] };
  }
  const [name, target] = chosen;
  const known = decisionFields(entityKind);
  const fields: Record<string, CrmValue> = {};
  const skipped: string[] = [];
  for (const [field, value] of Object.entries(parsed.data)) {
    if (value === undefined || known[field] === undefined) continue;
    const spec = target.fields[field];
    if (spec === undefined) {
      skipped.push(field);
      continue;
    }
    const crmField = typeof spec === 'string' ? spec : spec.field;
    fields[crmField] = crmValue(mapping.provider, typeof spec === 'string' ? null : spec, value);
    if (typeof spec !== 'string' && spec.associate !== undefined && typeof value === 'string' && value !== '')
      fields[`${ASSOCIATION_FIELD_PREFIX}${spec.associate}`] = value;
  }
  let operation: WriteBackPlan['operation'];
  let id: string;
  let idField: string;
  if (record.id !== undefined) {
    operation = 'update';
    id = record.id;
    idField = mapping.provider === 'salesforce' ? 'Id' : 'id';
  } else if (record.externalKey !== undefined && target.upsertBy !== undefined) {
    operation = 'upsert';
    id = record.externalKey;
    idField = target.upsertBy;
    fields[target.upsertBy] = record.externalKey;
  } else {
    const message =
      record.externalKey === undefined
        ? 'needs a record id or an external key'
        : `target "${name}" has no upsertBy field, so it cannot upsert by external key`;
    return { ok: false, issues: [{ path: `writeBack.${name}`, message }] };
  }
  return {
    ok: true,
    plan: { target: name, objectType: target.object, operation, id, idField, fields, skipped },
  };
}
