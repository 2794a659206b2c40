import type { CrmChangeEvent, HubspotChangeEvent } from '../../connectors/webhook-change-event.js';

/** A record whose current state must be re-read because a change event named it. */
export interface ChangeTarget {
  readonly objectType: string;
  readonly objectId: string;
  readonly occurredAt: number;
  readonly dedupeKey: string;
}

// https://developers.hubspot.com/docs/api/webhooks — subscription types use singular names; the CRM v3
// object endpoints (and our connector) use the plural object type.
const HUBSPOT_OBJECT_TYPES: Readonly<Record<string, string>> = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
  ticket: 'tickets',
  product: 'products',
  line_item: 'line_items',
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
  '0-5': 'tickets',
};

export function hubspotObjectType(singularOrId: string): string {
  return HUBSPOT_OBJECT_TYPES[singularOrId.toLowerCase()] ?? singularOrId;
}

/** `CONTACT_TO_COMPANY` → ['contacts', 'companies']; unknown shapes give null. */
function associationTypes(type: string): [string, string] | null {
  const match = /^([A-Z_]+?)_TO_([A-Z_]+)$/.exec(type);
  if (match === null) return null;
  return [hubspotObjectType(match[1]?.toLowerCase() ?? ''), hubspotObjectType(match[2]?.toLowerCase() ?? '')];
}

function hubspotTargets(event: HubspotChangeEvent): ChangeTarget[] {
  const base = { occurredAt: event.occurredAt, dedupeKey: event.dedupeKey };
  const type = hubspotObjectType(event.objectTypeId ?? event.objectType);
  const targets: ChangeTarget[] = [{ ...base, objectType: type, objectId: event.objectId }];
  if (event.kind === 'merged') {
    // The survivor changed and the merged-away records are gone: re-reading finds them missing.
    for (const id of event.mergedIds ?? []) targets.push({ ...base, objectType: type, objectId: id });
    if (event.primaryId !== undefined) targets.push({ ...base, objectType: type, objectId: event.primaryId });
  }
  if (event.kind === 'association' && event.association !== undefined) {
    const { fromObjectTypeId, toObjectTypeId } = event.association;
    const types: [string, string] | null =
      fromObjectTypeId !== undefined && toObjectTypeId !== undefined
        ? [hubspotObjectType(fromObjectTypeId), hubspotObjectType(toObjectTypeId)]
        : associationTypes(event.association.type);
    if (types !== null) {
      targets.push({ ...base, objectType: types[0], objectId: event.association.fromId });
      targets.push({ ...base, objectType: types[1], objectId: event.association.toId });
    }
  }
  return dedupeTargets(targets);
}

function dedupeTargets(targets: ChangeTarget[]): ChangeTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.objectType}|${t.objectId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Records to re-read for a batch of change events. Every target of one event shares the event's
 * idempotency key suffixed by its position, so a redelivered event is recognised per record.
 */
export function changeTargets(events: readonly CrmChangeEvent[]): ChangeTarget[] {
  const out: ChangeTarget[] = [];
  for (const event of events) {
    const targets =
      event.provider === 'hubspot'
        ? hubspotTargets(event)
        : [
            {
              objectType: event.objectType,
              objectId: event.objectId,
              occurredAt: event.occurredAt,
              dedupeKey: event.dedupeKey,
            },
          ];
    targets.forEach((t, i) => out.push(i === 0 ? t : { ...t, dedupeKey: `${t.dedupeKey}.${i}` }));
  }
  return out;
}
