import type { Actor, StoredRecord } from '../store.js';
import { propertyProblemsMessage } from './errors.js';
import type { HsPortal } from './portal.js';
import type { HsObjectType } from './schema.js';

/** A per-input failure in HubSpot's StandardError shape, with the HTTP status a single-record call would get. */
export interface HsFailure {
  readonly ok: false;
  readonly status: number;
  readonly error: Record<string, unknown>;
}

export type HsOutcome =
  { readonly ok: true; readonly record: StoredRecord; readonly isNew: boolean } | HsFailure;

const failure = (
  status: number,
  category: string,
  message: string,
  context: Record<string, unknown>,
): HsFailure => ({
  ok: false,
  status,
  error: { status: 'error', category, message, context, errors: [] },
});

export function notFoundFailure(t: HsObjectType, id: string): HsFailure {
  return failure(
    404,
    'OBJECT_NOT_FOUND',
    `Could not get some ${t.singular.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
    { ids: [id] },
  );
}

function check(
  portal: HsPortal,
  t: HsObjectType,
  input: Readonly<Record<string, unknown>>,
  selfId: string | null,
): { fields: StoredRecord['fields'] } | HsFailure {
  const { fields, problems } = portal.validate(t, input);
  if (problems.length > 0) {
    return failure(400, 'VALIDATION_ERROR', propertyProblemsMessage(problems), {
      propertyName: problems.map((p) => p.name),
    });
  }
  for (const p of t.properties.values()) {
    const v = fields[p.name];
    if (!p.hasUniqueValue || v === undefined || v === null) continue;
    const clash = portal.findByProperty(t, p.name, String(v));
    if (clash && clash.id !== selfId) {
      return failure(
        409,
        'CONFLICT',
        `${t.singular.charAt(0).toUpperCase()}${t.singular.slice(1)} already exists. Existing ID: ${clash.id}`,
        { existingId: [clash.id] },
      );
    }
  }
  return { fields };
}

export function createOne(
  portal: HsPortal,
  t: HsObjectType,
  input: Readonly<Record<string, unknown>>,
  actor: Actor,
  commit = true,
): HsOutcome {
  const c = check(portal, t, input, null);
  if ('ok' in c) return c;
  if (!commit)
    return {
      ok: true,
      record: {
        id: '',
        type: t.name,
        fields: c.fields,
        createdAt: 0,
        updatedAt: 0,
        deletedAt: null,
        createdBy: '',
        updatedBy: '',
      },
      isNew: true,
    };
  return { ok: true, record: portal.store.create(t.name, c.fields, actor), isNew: true };
}

export function resolveId(
  portal: HsPortal,
  t: HsObjectType,
  id: string,
  idProperty: string | undefined,
): StoredRecord | undefined {
  return idProperty && idProperty !== 'hs_object_id'
    ? portal.findByProperty(t, idProperty, id)
    : portal.store.get(t.name, id);
}

/**
 * A read by id also finds a merged-away id's survivor, answered under the survivor's id (writes do
 * not follow merges: HubSpot documents only reads). See HsMergedIds.
 */
export function readId(
  portal: HsPortal,
  t: HsObjectType,
  id: string,
  idProperty: string | undefined,
): StoredRecord | undefined {
  const byId = idProperty === undefined || idProperty === 'hs_object_id';
  return byId ? portal.mergedIds.resolve(portal.store, t.name, id) : resolveId(portal, t, id, idProperty);
}

export function updateOne(
  portal: HsPortal,
  t: HsObjectType,
  id: string,
  idProperty: string | undefined,
  input: Readonly<Record<string, unknown>>,
  actor: Actor,
): HsOutcome {
  const rec = resolveId(portal, t, id, idProperty);
  if (!rec) return notFoundFailure(t, id);
  const c = check(portal, t, input, rec.id);
  if ('ok' in c) return c;
  portal.store.update(t.name, rec.id, c.fields, actor);
  return { ok: true, record: rec, isNew: false };
}

/** Upsert by a unique property: update the match or create with the id property set. */
export function upsertOne(
  portal: HsPortal,
  t: HsObjectType,
  id: string,
  idProperty: string,
  input: Readonly<Record<string, unknown>>,
  actor: Actor,
): HsOutcome {
  const prop = t.properties.get(idProperty);
  if (idProperty !== 'hs_object_id' && !prop?.hasUniqueValue) {
    return failure(
      400,
      'VALIDATION_ERROR',
      `${idProperty} is not a unique identifier property for ${t.name}`,
      { idProperty: [idProperty] },
    );
  }
  const rec = resolveId(portal, t, id, idProperty);
  if (rec) return updateOne(portal, t, rec.id, undefined, input, actor);
  if (idProperty === 'hs_object_id') return notFoundFailure(t, id);
  return createOne(portal, t, { ...input, [idProperty]: id }, actor);
}

/** The failure an update would meet, without writing (undefined when it would succeed or the id is unknown). */
export function checkUpdate(
  portal: HsPortal,
  t: HsObjectType,
  id: string,
  idProperty: string | undefined,
  input: Readonly<Record<string, unknown>>,
): HsFailure | undefined {
  const rec = resolveId(portal, t, id, idProperty);
  if (!rec) return undefined;
  const c = check(portal, t, input, rec.id);
  return 'ok' in c ? c : undefined;
}

/** The failure an upsert would meet, without writing. */
export function checkUpsert(
  portal: HsPortal,
  t: HsObjectType,
  id: string,
  idProperty: string,
  input: Readonly<Record<string, unknown>>,
): HsFailure | undefined {
  const prop = t.properties.get(idProperty);
  if (idProperty !== 'hs_object_id' && !prop?.hasUniqueValue)
    return failure(
      400,
      'VALIDATION_ERROR',
      `${idProperty} is not a unique identifier property for ${t.name}`,
      {
        idProperty: [idProperty],
      },
    );
  const rec = resolveId(portal, t, id, idProperty);
  const c = rec
    ? check(portal, t, input, rec.id)
    : idProperty === 'hs_object_id'
      ? notFoundFailure(t, id)
      : check(portal, t, { ...input, [idProperty]: id }, null);
  return 'ok' in c ? c : undefined;
}
