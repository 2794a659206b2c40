import { randomBytes } from 'node:crypto';
import type { RecordChange } from '../store.js';
import type { EncodedDelivery } from '../webhook-emitter.js';
import { SF_ORG_ID, type SfOrg } from './org.js';
import type { SfObject } from './schema.js';

/** One change to deliver: the record (sent with its latest data) and its object. */
export interface SfChangeEvent {
  readonly change: RecordChange;
  readonly obj: SfObject;
  readonly notificationId: string;
  /** CDC: Salesforce could not generate the change event, so a GAP_* event (ids, no fields) goes instead. */
  readonly gap?: boolean;
}

const xml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

// https://developer.salesforce.com/docs/platform/api/guide/sforce-api-om-outboundmessaging-wsdl.html
export function outboundMessage(
  org: SfOrg,
  baseUrl: string,
  batch: readonly SfChangeEvent[],
): EncodedDelivery {
  const first = batch[0];
  const actionId = `04k5g${(first?.obj.keyPrefix ?? '000').padEnd(10, '0')}AAA`.slice(0, 18);
  const notes = batch.map(({ change, obj, notificationId }) => {
    // "If the record is deleted before the notification is delivered, the notification won't contain
    // any data" (help.salesforce.com platform.workflow_om_considerations.htm): only the Id is left.
    const gone = change.record.deletedAt !== null;
    const fields = obj.fields
      .filter((f) => !gone || f.name === 'Id')
      .map((f) => [f.name, org.value(obj, change.record, f)] as const)
      .filter(([, v]) => v !== null)
      .map(([name, v]) => `     <sf:${name}>${xml(String(v))}</sf:${name}>`);
    return [
      '   <Notification>',
      `    <Id>${notificationId}</Id>`,
      `    <sObject xsi:type="sf:${obj.name}" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">`,
      ...fields,
      '    </sObject>',
      '   </Notification>',
    ].join('\n');
  });
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    ' <soapenv:Body>',
    '  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">',
    `   <OrganizationId>${SF_ORG_ID}</OrganizationId>`,
    `   <ActionId>${actionId}</ActionId>`,
    '   <SessionId xsi:nil="true"/>',
    `   <EnterpriseUrl>${xml(baseUrl)}/services/Soap/c/60.0/${SF_ORG_ID.slice(0, 15)}</EnterpriseUrl>`,
    `   <PartnerUrl>${xml(baseUrl)}/services/Soap/u/60.0/${SF_ORG_ID.slice(0, 15)}</PartnerUrl>`,
    ...notes,
    '  </notifications>',
    ' </soapenv:Body>',
    '</soapenv:Envelope>',
  ].join('\n');
  return {
    body,
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: '""',
      'user-agent': 'Salesforce - OutboundMessage',
    },
  };
}

const CDC_TYPES = {
  create: 'CREATE',
  update: 'UPDATE',
  delete: 'DELETE',
  restore: 'UNDELETE',
  purge: 'DELETE',
  merge: 'DELETE',
} as const;

/** One CDC event (the `payload` and header), before it gets its replay id. */
type CdcEvent = Record<string, unknown> & { payload: Record<string, unknown> };

const header = (
  obj: SfObject,
  changeType: string,
  recordIds: readonly string[],
  change: RecordChange,
  i: number,
  fields: { changed: readonly string[]; nulled: readonly string[] },
): Record<string, unknown> => ({
  entityName: obj.name,
  recordIds,
  changeType,
  changeOrigin: `com/salesforce/api/rest/60.0${change.actor.clientId ? `;client=${change.actor.clientId}` : ''}`,
  transactionKey: randomBytes(16).toString('hex'),
  sequenceNumber: 1,
  commitTimestamp: change.at,
  commitNumber: change.at * 1000 + i,
  commitUser: change.actor.userId,
  changedFields: fields.changed,
  nulledFields: fields.nulled,
  diffFields: [],
});

/** The transaction of a change: its API request's, else one actor's changes at one instant. */
const transactionOf = (c: RecordChange): string =>
  c.actor.transactionId ?? `${c.at}|${c.actor.userId}|${c.actor.clientId ?? ''}`;

/**
 * Change Data Capture events in their JSON form (as a CometD/streaming client receives them):
 * https://developer.salesforce.com/docs/platform/change-data-capture/guide/cdc-other-events.html
 * - Merged change events: the same change (same fields, same values) to several records of one
 *   object in one transaction is one event listing every record id.
 * - Gap events (`gap`): GAP_<type> with the record ids and no field data.
 * - Overflow: past `overflowAfter` changes in one transaction (a create, delete or undelete counts
 *   one, an update one per changed field; Salesforce: 100,000), one GAP_OVERFLOW per object, header
 *   only, no record ids.
 */
export function cdcEvents(org: SfOrg, batch: readonly SfChangeEvent[], overflowAfter = 100_000): CdcEvent[] {
  const counted = new Map<string, number>();
  const overflowed = new Set<string>();
  const events: CdcEvent[] = [];
  const merged = new Map<string, string[]>();
  batch.forEach(({ change, obj, gap }, i) => {
    const tx = transactionOf(change);
    const weight = change.kind === 'update' ? Math.max(1, change.changed.length) : 1;
    const total = (counted.get(tx) ?? 0) + weight;
    counted.set(tx, total);
    if (total > overflowAfter) {
      const key = `${tx}|${obj.name}`;
      if (!overflowed.has(key)) {
        overflowed.add(key);
        events.push({
          schema: 'sandbox',
          payload: {
            ChangeEventHeader: header(obj, 'GAP_OVERFLOW', [], change, i, { changed: [], nulled: [] }),
          },
        });
      }
      return;
    }
    const changeType = `${gap === true ? 'GAP_' : ''}${CDC_TYPES[change.kind]}`;
    const payload: Record<string, unknown> = {};
    const fieldNames =
      gap === true
        ? []
        : change.kind === 'update'
          ? change.changed
          : change.kind === 'create'
            ? obj.fields.map((f) => f.name)
            : [];
    for (const f of obj.fields)
      if (fieldNames.includes(f.name)) payload[f.name] = org.value(obj, change.record, f);
    const changed = change.kind === 'update' && gap !== true ? [...change.changed, 'LastModifiedDate'] : [];
    const nulled =
      change.kind === 'update' && gap !== true
        ? change.changed.filter((n) => change.record.fields[n] === null)
        : [];
    if (change.kind === 'update' || change.kind === 'delete' || gap === true) {
      const key = `${tx}|${obj.name}|${changeType}|${JSON.stringify(payload)}`;
      const ids = merged.get(key);
      if (ids !== undefined) {
        ids.push(change.record.id);
        return;
      }
      const fresh = [change.record.id];
      merged.set(key, fresh);
      events.push({
        schema: 'sandbox',
        payload: {
          ChangeEventHeader: header(obj, changeType, fresh, change, i, { changed, nulled }),
          ...payload,
        },
      });
      return;
    }
    events.push({
      schema: 'sandbox',
      payload: {
        ChangeEventHeader: header(obj, changeType, [change.record.id], change, i, { changed, nulled }),
        ...payload,
      },
    });
  });
  return events;
}

/** One delivery of CDC events with consecutive replay ids. */
export function cdcDelivery(events: readonly CdcEvent[], replayStart: number): EncodedDelivery {
  const body = events.map((e, i) => ({ ...e, event: { replayId: replayStart + i } }));
  return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

/** `cdcEvents` then `cdcDelivery`. */
export function cdcMessage(
  org: SfOrg,
  batch: readonly SfChangeEvent[],
  replayStart: number,
): EncodedDelivery {
  return cdcDelivery(cdcEvents(org, batch), replayStart);
}
