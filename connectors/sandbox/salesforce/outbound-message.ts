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
    const fields = obj.fields
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

/** Change Data Capture events in their JSON form (as a CometD/streaming client receives them), one array per delivery. */
export function cdcMessage(
  org: SfOrg,
  batch: readonly SfChangeEvent[],
  replayStart: number,
): EncodedDelivery {
  const events = batch.map(({ change, obj }, i) => {
    const payload: Record<string, unknown> = {};
    const fieldNames =
      change.kind === 'update'
        ? change.changed
        : change.kind === 'create'
          ? obj.fields.map((f) => f.name)
          : [];
    for (const f of obj.fields)
      if (fieldNames.includes(f.name)) payload[f.name] = org.value(obj, change.record, f);
    return {
      schema: 'sandbox',
      payload: {
        ChangeEventHeader: {
          entityName: obj.name,
          recordIds: [change.record.id],
          changeType: CDC_TYPES[change.kind],
          changeOrigin: `com/salesforce/api/rest/60.0${change.actor.clientId ? `;client=${change.actor.clientId}` : ''}`,
          transactionKey: randomBytes(16).toString('hex'),
          sequenceNumber: 1,
          commitTimestamp: change.at,
          commitNumber: change.at * 1000 + i,
          commitUser: change.actor.userId,
          changedFields: change.kind === 'update' ? [...change.changed, 'LastModifiedDate'] : [],
          nulledFields:
            change.kind === 'update' ? change.changed.filter((n) => change.record.fields[n] === null) : [],
          diffFields: [],
        },
        ...payload,
      },
      event: { replayId: replayStart + i },
    };
  });
  return { body: JSON.stringify(events), headers: { 'content-type': 'application/json' } };
}
