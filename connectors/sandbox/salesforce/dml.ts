import type { Actor } from '../store.js';
import type { SfRecordError } from './errors.js';
import { SF_ID_PATTERN, to18 } from './ids.js';
import type { SfOrg } from './org.js';
import { findField, type SfObject } from './schema.js';
import { derivedFields, validateWrite } from './validate.js';

/** One record's save result, as sObject Collections report it. */
export interface SaveResult {
  readonly id?: string;
  readonly success: boolean;
  readonly errors: readonly SfRecordError[];
  readonly created?: boolean;
}

const fail = (statusCode: string, message: string, fields: readonly string[] = []): SaveResult => ({
  success: false,
  errors: [{ statusCode, message, fields }],
});

/** Validates without writing (used for allOrNone dry runs), or writes when `commit`. */
export function insertRecord(
  org: SfOrg,
  obj: SfObject,
  input: Readonly<Record<string, unknown>>,
  actor: Actor,
  commit = true,
): SaveResult {
  const v = validateWrite(org, obj, input, 'create');
  if (!v.ok) return { success: false, errors: v.errors };
  if (!commit) return { success: true, errors: [] };
  const fields = derivedFields(obj, v.fields, 'create', actor.userId);
  const nameField = findField(obj, 'Name');
  if (obj.custom && nameField && !nameField.createable)
    fields['Name'] = `${obj.keyPrefix}-${String(org.store.count(obj.name, true) + 1).padStart(6, '0')}`;
  const rec = org.store.create(obj.name, fields, actor);
  return { id: rec.id, success: true, errors: [] };
}

function locate(
  org: SfOrg,
  obj: SfObject | undefined,
  rawId: unknown,
): { id: string; obj: SfObject } | SaveResult {
  if (typeof rawId !== 'string' || !SF_ID_PATTERN.test(rawId))
    return fail('MALFORMED_ID', `malformed id ${String(rawId)}`, ['Id']);
  const id = to18(rawId);
  const target = obj ?? org.objectByPrefix(id.slice(0, 3));
  if (!target || (obj && id.slice(0, 3) !== obj.keyPrefix))
    return fail('MALFORMED_ID', `malformed id ${id}`, ['Id']);
  const rec = org.find(target, id, true);
  if (!rec) return fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
  if (rec.deletedAt !== null) return fail('ENTITY_IS_DELETED', 'entity is deleted');
  return { id: rec.id, obj: target };
}

export function updateRecord(
  org: SfOrg,
  obj: SfObject | undefined,
  rawId: unknown,
  input: Readonly<Record<string, unknown>>,
  actor: Actor,
  commit = true,
): SaveResult {
  const at = locate(org, obj, rawId);
  if ('success' in at) return at;
  // https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_convertlead.htm
  // (a converted lead is read only; simple-salesforce/simple-salesforce#341 shows the API error)
  if (at.obj.name === 'Lead' && org.find(at.obj, at.id)?.fields['IsConverted'] === true)
    return fail('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead');
  const v = validateWrite(org, at.obj, input, 'update', at.id);
  if (!v.ok) return { success: false, errors: v.errors };
  if (commit)
    org.store.update(at.obj.name, at.id, derivedFields(at.obj, v.fields, 'update', actor.userId), actor);
  return { id: at.id, success: true, errors: [] };
}

export function deleteRecord(org: SfOrg, rawId: unknown, actor: Actor, commit = true): SaveResult {
  const at = locate(org, undefined, rawId);
  if ('success' in at) return at;
  if (commit) org.store.softDelete(at.obj.name, at.id, actor);
  return { id: at.id, success: true, errors: [] };
}

/** Upsert by external id (or `Id`); `multiple` lists ids when more than one record matches. */
export function upsertRecord(
  org: SfOrg,
  obj: SfObject,
  extField: string,
  extValue: string,
  input: Readonly<Record<string, unknown>>,
  actor: Actor,
  commit = true,
): SaveResult & { multiple?: readonly string[] } {
  const f = findField(obj, extField);
  if (!f || !(f.externalId || f.name === 'Id' || f.unique)) {
    return fail('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${extField}`);
  }
  if (f.name === 'Id') {
    const existing = org.find(obj, to18(extValue));
    if (!existing) return fail('NOT_FOUND', 'The requested resource does not exist');
    return { ...updateRecord(org, obj, existing.id, input, actor, commit), created: false };
  }
  const body = Object.fromEntries(
    Object.entries(input).filter(([k]) => k.toLowerCase() !== f.name.toLowerCase()),
  );
  const matches = org.store
    .list(obj.name)
    .filter((r) => String(r.fields[f.name] ?? '').toLowerCase() === extValue.toLowerCase());
  if (matches.length > 1)
    return {
      ...fail('MULTIPLE_RECORDS_FOUND', `more than one record found for external id field: ${f.name}`),
      multiple: matches.map((r) => r.id),
    };
  const match = matches[0];
  if (match) return { ...updateRecord(org, obj, match.id, body, actor, commit), created: false };
  return { ...insertRecord(org, obj, { ...body, [f.name]: extValue }, actor, commit), created: true };
}

/** Runs per-record operations honouring allOrNone: a dry run first, then commit only if every record passes. */
export function runCollection<T>(
  items: readonly T[],
  allOrNone: boolean,
  op: (item: T, commit: boolean) => SaveResult,
): SaveResult[] {
  if (!allOrNone) return items.map((i) => op(i, true));
  const dry = items.map((i) => op(i, false));
  if (dry.every((r) => r.success)) return items.map((i) => op(i, true));
  return dry.map((r) =>
    r.success
      ? fail(
          'ALL_OR_NONE_OPERATION_ROLLED_BACK',
          'Record rolled back because not all records were valid and the request was using AllOrNone header',
        )
      : { success: false, errors: r.errors },
  );
}
