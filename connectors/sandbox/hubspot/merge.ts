import type { Actor, Fields, StoredRecord } from '../store.js';
import type { Associations } from './associations.js';
import { hsError } from './errors.js';
import type { HsPortal } from './portal.js';
import type { HsObjectType } from './schema.js';

/**
 * The survivor names the ids it absorbed in this property (HubSpot/hubspot-api-nodejs#6), separated
 * by `;` like HubSpot's other multi-value properties.
 */
export const MERGED_IDS = 'hs_merged_object_ids';

const idsOf = (rec: StoredRecord): string[] =>
  String(rec.fields[MERGED_IDS] ?? '')
    .split(';')
    .filter((s) => s !== '');

/** The primary's values win; the merged record fills the primary's empty properties. */
function combined(t: HsObjectType, primary: StoredRecord, merged: StoredRecord): Fields {
  const moved = Object.fromEntries(
    Object.entries(merged.fields).filter(
      ([k, v]) =>
        k !== MERGED_IDS &&
        v !== null &&
        (primary.fields[k] ?? null) === null &&
        !t.properties.get(k)?.hasUniqueValue,
    ),
  );
  return { ...primary.fields, ...moved };
}

/**
 * `POST /crm/objects/{type}/merge`. The survivor is the primary, or a new record when the type mints
 * one; either way it lists every absorbed id (earlier merges' included) in `hs_merged_object_ids`.
 * Each merged-away record is archived and fires `*.deletion`; moved fields fire no propertyChange
 * (amp-labs/connectors#3487). A minted merge archives both originals ("both records merged into the
 * new one", contacts-and-companies changelog in merged-ids.ts). No source mentions a creation event
 * for the new record: none fires; the merge event's `newObjectId` names it.
 */
export function mergeRecords(
  portal: HsPortal,
  associations: Associations,
  t: HsObjectType,
  ids: { readonly primaryObjectId: string; readonly objectIdToMerge: string },
  actor: Actor,
): StoredRecord {
  const primary = portal.store.get(t.name, ids.primaryObjectId);
  const merged = portal.store.get(t.name, ids.objectIdToMerge);
  if (!primary || !merged || primary.id === merged.id)
    throw hsError(400, 'VALIDATION_ERROR', 'Unable to merge: both objects must exist and be different.');
  const mint = portal.mergedIds.mintNewId.has(t.name);
  const gone = mint ? [primary.id, merged.id] : [merged.id];
  const absorbed = [...new Set([...idsOf(primary), ...idsOf(merged), ...gone])];
  const fields: Fields = { ...combined(t, primary, merged), [MERGED_IDS]: absorbed.join(';') };
  const moved = Object.keys(fields).filter((k) => k !== MERGED_IDS && primary.fields[k] !== fields[k]);
  const survivor = mint ? portal.store.put(t.name, fields, actor) : primary;
  survivor.fields = fields;
  survivor.updatedAt = portal.now();
  survivor.updatedBy = actor.userId;
  for (const id of gone) associations.moveAll(t.name, id, survivor.id);
  portal.mergedIds.point(t.name, gone, survivor.id);
  if (mint) portal.store.softDelete(t.name, primary.id, actor);
  portal.store.softDelete(t.name, merged.id, actor, 'merge', survivor.id, moved, primary.id);
  return survivor;
}
