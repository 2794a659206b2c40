import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { salesforceIdSuffix } from '../../../connectors/salesforce/same-salesforce-id.js';
import {
  intakeSalesforceChangeEvents,
  intakeSalesforceOutboundMessage,
  isOwnSalesforceChange,
  outboundMessageAck,
  parseChangeEvents,
  parseOutboundMessage,
  sameSalesforceId,
  signRelayPayload,
  verifyRelaySignature,
} from '../../../connectors/salesforce/webhook.js';
import { WebhookAuthError, WebhookPayloadError } from '../../../src/core/errors/index.js';

const ORG_ID = '00D000000000001AAA';
const NOW = 1_700_000_000_000;

// api-notes §4.5 [constructed] from the outbound-messaging WSDL, placeholder ids.
const OUTBOUND = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>00D000000000001AAA</OrganizationId>
   <ActionId>04k000000000001AAA</ActionId>
   <SessionId xsi:nil="true"/>
   <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/60.0/00D000000000001</EnterpriseUrl>
   <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/60.0/00D000000000001</PartnerUrl>
   <Notification>
    <Id>04l000000000001AAA</Id>
    <sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>00Q000000000001AAA</sf:Id>
     <sf:Company>Example Pty Ltd</sf:Company>
     <sf:Email>lead@example.com</sf:Email>
     <sf:LastName>Example</sf:LastName>
    </sObject>
   </Notification>
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>`;

// api-notes §4.5: the reply the WSDL defines (notificationsResponse, not notifications).
const EXPECTED_ACK = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
 <soapenv:Body>
  <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">
   <Ack>true</Ack>
  </notificationsResponse>
 </soapenv:Body>
</soapenv:Envelope>
`;

function error<T extends Error>(type: new (...args: never[]) => T, fn: () => unknown): T {
  try {
    fn();
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`expected ${type.name}`);
}

async function rejection<T extends Error>(
  type: new (...args: never[]) => T,
  promise: Promise<unknown>,
): Promise<T> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`expected ${type.name}`);
}

function notification(index: number): string {
  const id = `04l${String(index).padStart(12, '0')}`;
  return `<Notification><Id>${id}</Id><sObject xsi:type="sf:Contact" xmlns:sf="urn:sobject.enterprise.soap.sforce.com"><sf:Id>003${String(index).padStart(12, '0')}</sf:Id></sObject></Notification>`;
}
function outboundWith(notifications: string, orgId = ORG_ID): Buffer {
  return Buffer.from(
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:x="http://www.w3.org/2001/XMLSchema-instance"><s:Body><om:notifications xmlns:om="http://soap.sforce.com/2005/09/outbound" xmlns="http://soap.sforce.com/2005/09/outbound" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><om:OrganizationId>${orgId}</om:OrganizationId><om:ActionId>04k000000000001AAA</om:ActionId><om:SessionId x:nil="true"/><om:EnterpriseUrl>https://e</om:EnterpriseUrl><om:PartnerUrl>https://p</om:PartnerUrl>${notifications}</om:notifications></s:Body></s:Envelope>`,
  );
}

describe('Salesforce outbound messages', async () => {
  it('parses the constructed WSDL example into one Lead notification', async () => {
    const message = await parseOutboundMessage(Buffer.from(OUTBOUND), { orgId: ORG_ID });
    expect(message).toEqual({
      organizationId: ORG_ID,
      actionId: '04k000000000001AAA',
      sessionId: null,
      enterpriseUrl: 'https://example.my.salesforce.com/services/Soap/c/60.0/00D000000000001',
      partnerUrl: 'https://example.my.salesforce.com/services/Soap/u/60.0/00D000000000001',
      notifications: [
        {
          id: '04l000000000001AAA',
          objectType: 'Lead',
          objectId: '00Q000000000001AAA',
          fields: {
            Id: '00Q000000000001AAA',
            Company: 'Example Pty Ltd',
            Email: 'lead@example.com',
            LastName: 'Example',
          },
        },
      ],
      withoutData: [],
      skipped: [],
    });
  });

  it('accepts the connection org id in its 15-character form', async () => {
    expect(
      (await parseOutboundMessage(Buffer.from(OUTBOUND), { orgId: '00D000000000001' })).notifications,
    ).toHaveLength(1);
  });

  it('rejects a message for another org as an auth error, including one that differs only in case', async () => {
    expect(
      (
        await rejection(
          WebhookAuthError,
          parseOutboundMessage(Buffer.from(OUTBOUND), { orgId: '00D000000000002AAA' }),
        )
      ).httpStatus,
    ).toBe(401);
    await expect(
      parseOutboundMessage(Buffer.from(OUTBOUND), { orgId: '00d000000000001AAA' }),
    ).rejects.toThrow(WebhookAuthError);
  });

  it('resolves namespaces by URI, not by prefix', async () => {
    const message = await parseOutboundMessage(outboundWith(notification(1) + notification(2)), {
      orgId: ORG_ID,
    });
    expect(message.notifications.map((n) => [n.objectType, n.objectId])).toEqual([
      ['Contact', '003000000000001'],
      ['Contact', '003000000000002'],
    ]);
    const wrongNs = OUTBOUND.replace('http://soap.sforce.com/2005/09/outbound', 'urn:other');
    await expect(parseOutboundMessage(Buffer.from(wrongNs), { orgId: ORG_ID })).rejects.toThrow(
      WebhookPayloadError,
    );
  });

  it('accepts 100 notifications and rejects 101', async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => notification(i)).join('');
    expect((await parseOutboundMessage(outboundWith(hundred), { orgId: ORG_ID })).notifications).toHaveLength(
      100,
    );
    const err = await rejection(
      WebhookPayloadError,
      parseOutboundMessage(outboundWith(hundred + notification(100)), { orgId: ORG_ID }),
    );
    expect(err.issues).toEqual([
      { path: 'notifications.Notification', message: 'expected 1 to 100 notifications' },
    ]);
  });

  it('refuses a message whose only notification is unusable, naming what is missing', async () => {
    const bad = '<Notification><sObject xmlns:sf="urn:sobject.enterprise.soap.sforce.com"/></Notification>';
    const err = await rejection(
      WebhookPayloadError,
      parseOutboundMessage(outboundWith(bad), { orgId: ORG_ID }),
    );
    expect(err.issues?.map((i) => i.path)).toEqual(['notifications.Notification.0.Id']);
  });

  // https://help.salesforce.com/s/articleView?id=platform.workflow_om_considerations.htm&type=5
  // "If the record is deleted before the notification is delivered, the notification won't contain any data."
  it('keeps every notification on its own: one without data is a re-read hint, not a failed message', async () => {
    const empty =
      '<Notification><Id>04l000000000999AAA</Id><sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com"/></Notification>';
    const good = Array.from({ length: 99 }, (_, i) => notification(i)).join('');
    const intake = await intakeSalesforceOutboundMessage({
      rawBody: outboundWith(good + empty),
      orgId: ORG_ID,
      now: NOW,
    });
    expect(intake.message.notifications).toHaveLength(99);
    expect(intake.message.withoutData).toEqual([{ id: '04l000000000999AAA', objectType: 'Lead' }]);
    expect(intake.reply.status).toBe(200);
    const hint = intake.events.find((e) => e.eventId === '04l000000000999AAA');
    expect(hint).toMatchObject({ objectType: 'Lead', objectId: '*', wildcard: true, needsReread: true });
  });

  it('skips an unusable notification (no Notification Id, or an id that is no record id) and keeps the rest', async () => {
    const noId =
      '<Notification><sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com"><sf:Id>00Q000000000001AAA</sf:Id></sObject></Notification>';
    const badId =
      '<Notification><Id>04l000000000998AAA</Id><sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com"><sf:Id>../x</sf:Id></sObject></Notification>';
    const message = await parseOutboundMessage(outboundWith(notification(1) + noId + badId), {
      orgId: ORG_ID,
    });
    expect(message.notifications.map((n) => n.objectId)).toEqual(['003000000000001']);
    expect(message.skipped.map((i) => i.path)).toEqual([
      'notifications.Notification.1.Id',
      'notifications.Notification.2.sObject.Id',
    ]);
  });

  it('parses a field named __proto__ as an ordinary field of a prototype-less object', async () => {
    const message = await parseOutboundMessage(
      Buffer.from(
        OUTBOUND.replace(
          '<sf:LastName>Example</sf:LastName>',
          '<sf:LastName>Example</sf:LastName><sf:__proto__><sf:polluted>yes</sf:polluted></sf:__proto__><sf:constructor>c</sf:constructor>',
        ),
      ),
      { orgId: ORG_ID },
    );
    const fields = message.notifications[0]?.fields ?? {};
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(Object.getOwnPropertyNames(fields)).toContain('__proto__');
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(fields['constructor']).toBe('c');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects XML that is not well-formed', async () => {
    await expect(parseOutboundMessage(Buffer.from('<a><b></a>'), { orgId: ORG_ID })).rejects.toThrow(
      WebhookPayloadError,
    );
    await expect(parseOutboundMessage(Buffer.from('{"json":true}'), { orgId: ORG_ID })).rejects.toThrow(
      WebhookPayloadError,
    );
  });

  it('rejects a DOCTYPE with an external entity (XXE) before parsing', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${OUTBOUND.replace('<?xml version="1.0" encoding="UTF-8"?>', '').replace('Example Pty Ltd', '&xxe;')}`;
    const err = await rejection(
      WebhookPayloadError,
      parseOutboundMessage(Buffer.from(xxe), { orgId: ORG_ID }),
    );
    expect(err.issues).toEqual([{ path: '', message: 'DOCTYPE and entity declarations are not allowed' }]);
  });

  it('rejects a billion-laughs entity expansion', async () => {
    const laughs = `<?xml version="1.0"?><!doctype lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    await expect(parseOutboundMessage(Buffer.from(laughs), { orgId: ORG_ID })).rejects.toThrow(
      WebhookPayloadError,
    );
  });

  it('builds the exact SOAP ack body', async () => {
    expect(outboundMessageAck()).toBe(EXPECTED_ACK);
  });

  it('replies 200 text/xml with the ack and one updated event per notification, deduped on Notification Id', async () => {
    const intake = await intakeSalesforceOutboundMessage({
      rawBody: Buffer.from(OUTBOUND),
      orgId: ORG_ID,
      now: NOW,
    });
    expect(intake.reply).toEqual({ status: 200, contentType: 'text/xml; charset=utf-8', body: EXPECTED_ACK });
    expect(intake.events).toEqual([
      expect.objectContaining({
        provider: 'salesforce',
        source: 'outbound_message',
        objectType: 'Lead',
        objectId: '00Q000000000001AAA',
        kind: 'updated',
        occurredAt: NOW,
        eventId: '04l000000000001AAA',
      }),
    ]);
    const again = await intakeSalesforceOutboundMessage({
      rawBody: Buffer.from(OUTBOUND),
      orgId: ORG_ID,
      now: NOW + 60_000,
    });
    expect(again.events[0]?.dedupeKey).toBe(intake.events[0]?.dedupeKey);
  });
});

// Salesforce Object Reference, "StandardObjectNameChangeEvent → Event Message Example" (verbatim, api-notes §4.4).
const CDC_CREATE = `{
  "schema": "IeRuaY6cbI_HsV8Rv1Mc5g",
  "payload": {
    "ChangeEventHeader": {
      "entityName": "Account",
      "recordIds": ["<record_ID>"],
      "changeType": "CREATE",
      "changeOrigin": "com/salesforce/api/soap/51.0;client=SfdcInternalAPI/",
      "transactionKey": "0002343d-9d90-e395-ed20-cf416ba652ad",
      "sequenceNumber": 1,
      "commitTimestamp": 1612912679000,
      "commitNumber": 10716283339728,
      "commitUser": "<User_ID>"
    },
    "Name": "Acme",
    "Description": "Everyone is talking about the cloud. But what does it mean?",
    "OwnerId": "<Owner_ID>",
    "CreatedDate": "2021-02-09T23:17:59Z",
    "CreatedById": "<User_ID>",
    "LastModifiedDate": "2021-02-09T23:17:59Z",
    "LastModifiedById": "<User_ID>"
  },
  "event": { "replayId": 6 }
}`;

// The UPDATE example's header and body as described in api-notes §4.4 (pozil/pub-sub-api-node-client README).
const CDC_UPDATE = {
  payload: {
    ChangeEventHeader: {
      entityName: 'Account',
      recordIds: ['0014H00002LbR7QQAV'],
      changeType: 'UPDATE',
      changeOrigin: 'com/salesforce/api/rest/58.0;client=partnersync',
      transactionKey: '000046c7-a642-11e2-c29b-229c6786473e',
      sequenceNumber: 1,
      commitTimestamp: 1696444513000,
      commitNumber: 11657372702432,
      commitUser: '00558000000yFyDAAU',
      changedFields: ['LastModifiedDate', 'BillingAddress.State'],
      nulledFields: [],
      diffFields: [],
    },
    Name: null,
    BillingAddress: { Street: null, City: null, State: 'CA', PostalCode: null, Country: null },
    LastModifiedDate: 1696444513000,
  },
  event: { replayId: 27 },
};

const header = (overrides: Record<string, unknown>) => ({
  payload: { ChangeEventHeader: { ...CDC_UPDATE.payload.ChangeEventHeader, ...overrides } },
});
const parseJson = (value: unknown) => parseChangeEvents(Buffer.from(JSON.stringify(value)));

describe('Salesforce Change Data Capture events', () => {
  it('parses the verbatim Object Reference CREATE example', () => {
    expect(parseChangeEvents(Buffer.from(CDC_CREATE))).toEqual([
      expect.objectContaining({
        provider: 'salesforce',
        source: 'cdc',
        objectType: 'Account',
        objectId: '<record_ID>',
        kind: 'created',
        occurredAt: 1612912679000,
        eventId: '6',
        changeOrigin: 'com/salesforce/api/soap/51.0;client=SfdcInternalAPI/',
        commitUser: '<User_ID>',
        needsReread: false,
        wildcard: false,
        fields: expect.objectContaining({ Name: 'Acme', OwnerId: '<Owner_ID>' }),
      }),
    ]);
  });

  it('parses the UPDATE example keeping only non-null fields and the changed and nulled lists', () => {
    const [event] = parseJson(CDC_UPDATE);
    expect(event).toMatchObject({
      kind: 'updated',
      objectId: '0014H00002LbR7QQAV',
      changedFields: ['LastModifiedDate', 'BillingAddress.State'],
      nulledFields: [],
      fields: { BillingAddress: { State: 'CA' }, LastModifiedDate: 1696444513000 },
    });
    expect(event?.fields).not.toHaveProperty('Name');
  });

  it('unwraps the CometD form and accepts an array of events', () => {
    const events = parseJson([{ data: CDC_UPDATE, channel: '/data/ChangeEvents' }, JSON.parse(CDC_CREATE)]);
    expect(events.map((e) => e.kind)).toEqual(['updated', 'created']);
  });

  it('emits one event per record id with distinct dedupe keys, stable across redelivery', () => {
    const events = parseJson(header({ recordIds: ['001000000000001AAA', '001000000000002AAA'] }));
    expect(events.map((e) => e.objectId)).toEqual(['001000000000001AAA', '001000000000002AAA']);
    expect(events[0]?.dedupeKey).not.toBe(events[1]?.dedupeKey);
    expect(parseJson(header({ recordIds: ['001000000000001AAA', '001000000000002AAA'] }))[0]?.dedupeKey).toBe(
      events[0]?.dedupeKey,
    );
    expect(
      parseJson(header({ recordIds: ['001000000000001AAA'], sequenceNumber: 2 }))[0]?.dedupeKey,
    ).not.toBe(events[0]?.dedupeKey);
  });

  it('marks GAP events as needing a re-read and flags wildcard record ids', () => {
    expect(parseJson(header({ changeType: 'GAP_UPDATE' }))[0]).toMatchObject({
      kind: 'updated',
      needsReread: true,
      wildcard: false,
    });
    expect(parseJson(header({ changeType: 'GAP_DELETE' }))[0]).toMatchObject({
      kind: 'deleted',
      needsReread: true,
    });
    expect(parseJson(header({ changeType: 'UPDATE', recordIds: ['001*'] }))[0]).toMatchObject({
      objectId: '001*',
      wildcard: true,
      needsReread: true,
    });
    expect(parseJson(header({ changeType: 'GAP_OVERFLOW', recordIds: [] }))[0]).toMatchObject({
      objectId: '*',
      wildcard: true,
      needsReread: true,
    });
  });

  it('does not trust undecoded Pub/Sub bitmaps as field names', () => {
    const [event] = parseJson(header({ changedFields: ['0x400002'], nulledFields: [] }));
    expect(event).toMatchObject({ needsReread: true });
    expect(event).not.toHaveProperty('changedFields');
  });

  it('rejects an unknown change type and an empty record id list with paths', () => {
    const err = error(WebhookPayloadError, () =>
      parseJson([header({ changeType: 'UPSERT' }), header({ recordIds: [] })]),
    );
    expect(err.issues?.map((i) => i.path)).toEqual([
      '0.payload.ChangeEventHeader.changeType',
      '1.payload.ChangeEventHeader.recordIds',
    ]);
  });
});

describe('relay signatures', () => {
  const SECRET = 'relay-test-secret';
  const body = Buffer.from(JSON.stringify(CDC_UPDATE));

  it('signs as t=<ms>,v1=<hex HMAC-SHA256 of "<t>.<rawBody>">', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW}.`).update(body).digest('hex');
    expect(signRelayPayload(SECRET, body, NOW)).toBe(`t=${NOW},v1=${expected}`);
  });

  it('accepts a valid signature and parses the events', () => {
    const headers = { 'X-Partnersync-Signature': signRelayPayload(SECRET, body, NOW - 1_000) };
    const intake = intakeSalesforceChangeEvents({ rawBody: body, headers, secret: SECRET, now: NOW });
    expect(intake.events).toHaveLength(1);
    expect(intake.reply).toEqual({ status: 204 });
  });

  it('rejects a tampered body, a stale or future timestamp, a wrong secret and a missing header', () => {
    const signed = { 'x-partnersync-signature': signRelayPayload(SECRET, body, NOW) };
    const verify =
      (headers: Record<string, string>, rawBody = body, secret = SECRET) =>
      () =>
        verifyRelaySignature({ rawBody, headers, secret, now: NOW });
    expect(
      error(WebhookAuthError, verify(signed, Buffer.from(body.toString().replace('CA', 'NY')))).message,
    ).toBe('relay signature mismatch');
    expect(
      error(
        WebhookAuthError,
        verify({ 'x-partnersync-signature': signRelayPayload(SECRET, body, NOW - 300_001) }),
      ).message,
    ).toMatch(/^stale/);
    expect(
      error(
        WebhookAuthError,
        verify({ 'x-partnersync-signature': signRelayPayload(SECRET, body, NOW + 300_001) }),
      ).message,
    ).toMatch(/future/);
    expect(error(WebhookAuthError, verify(signed, body, 'other-secret')).message).toBe(
      'relay signature mismatch',
    );
    expect(error(WebhookAuthError, verify({})).message).toBe('missing X-Partnersync-Signature header');
    expect(error(WebhookAuthError, verify({ 'x-partnersync-signature': 'v1=abc' })).message).toMatch(
      /no valid t=/,
    );
  });

  it('accepts either secret while one is being rotated', () => {
    const headers = { 'x-partnersync-signature': signRelayPayload('old-secret', body, NOW) };
    expect(
      verifyRelaySignature({ rawBody: body, headers, secret: ['new-secret', 'old-secret'], now: NOW }),
    ).toEqual({ timestamp: NOW });
  });
});

describe('Salesforce ids and echo detection', () => {
  it('compares 15- and 18-character ids on their case-sensitive first 15 characters', () => {
    expect(salesforceIdSuffix('0014H00002LbR7Q')).toBe('QAV');
    expect(sameSalesforceId('0014H00002LbR7QQAV', '0014H00002LbR7Q')).toBe(true);
    expect(sameSalesforceId('0014H00002LbR7QQAV', '0014h00002lbr7qQAV')).toBe(false);
    expect(sameSalesforceId('0014H00002LbR7Q', 'not-an-id')).toBe(false);
  });

  it('recognises our own writes by client id in changeOrigin or by the integration user', () => {
    const own = { clientId: 'partnersync', integrationUserId: '00558000000yFyD' };
    expect(
      isOwnSalesforceChange({ changeOrigin: 'com/salesforce/api/rest/58.0;client=partnersync' }, own),
    ).toBe(true);
    expect(
      isOwnSalesforceChange(
        {
          changeOrigin: 'com/salesforce/api/rest/58.0;client=partnersync-2',
          commitUser: '005000000000001AAA',
        },
        own,
      ),
    ).toBe(false);
    expect(isOwnSalesforceChange({ changeOrigin: '', commitUser: '00558000000yFyDAAU' }, own)).toBe(true);
    expect(
      isOwnSalesforceChange({ changeOrigin: 'com/salesforce/api/soap/51.0;client=SfdcInternalAPI/' }, own),
    ).toBe(false);
  });
});
