import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hubspotV3Headers, relayHeaders } from '../helpers/sign.js';
import { HUBSPOT_APP_ID, HUBSPOT_SECRET, ORG_ID, PORTAL_ID, RELAY_SECRET } from '../helpers/webhook-app.js';
import { PUBLIC, startSecurityApp, type SecurityApp } from './security-app.js';

let a: SecurityApp;
beforeEach(async () => {
  a = await startSecurityApp();
});
afterEach(async () => {
  await a.close();
});

const HS_PATH = '/webhooks/hubspot/hs-1';
const FIVE_MINUTES = 300_000;

function hubspotBody(objectId = 101): string {
  return JSON.stringify([
    {
      eventId: objectId,
      subscriptionId: 1,
      portalId: Number(PORTAL_ID),
      appId: Number(HUBSPOT_APP_ID),
      occurredAt: 1_700_000_000_000,
      subscriptionType: 'contact.propertyChange',
      attemptNumber: 0,
      objectId,
      propertyName: 'email',
      propertyValue: 'a@example.com',
      changeSource: 'CRM_UI',
    },
  ]);
}

function without(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
}

async function post(path: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${a.url}${path}`, { method: 'POST', body, headers });
}

async function expectRefusedAndNothingRecorded(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ error: { code: 'webhook_unauthorized' } });
  expect(await a.pending()).toEqual({ spool: 0, hubspotInbox: 0, salesforceInbox: 0 });
  expect(a.ingestCalls).toEqual([]);
}

describe('HubSpot v3 signatures at the webhook route', () => {
  const uri = `${PUBLIC}${HS_PATH}`;

  it('accepts a correctly signed batch (the baseline every refusal below differs from)', async () => {
    const body = hubspotBody();
    expect((await post(HS_PATH, body, hubspotV3Headers(HUBSPOT_SECRET, uri, body, a.now))).status).toBe(204);
    expect(await a.spool.size('hs-1')).toBe(1);
  });

  const refusals: { name: string; headers: (body: string, now: number) => Record<string, string> }[] = [
    {
      name: 'a signature made with the wrong secret',
      headers: (body, now) => hubspotV3Headers('not-the-secret', uri, body, now),
    },
    {
      name: 'a signature over another body',
      headers: (_body, now) => hubspotV3Headers(HUBSPOT_SECRET, uri, hubspotBody(999), now),
    },
    {
      name: 'a signature over another URL',
      headers: (body, now) => hubspotV3Headers(HUBSPOT_SECRET, `${PUBLIC}/webhooks/hubspot/hs-2`, body, now),
    },
    {
      name: 'a timestamp older than five minutes',
      headers: (body, now) => hubspotV3Headers(HUBSPOT_SECRET, uri, body, now - FIVE_MINUTES - 1_000),
    },
    {
      name: 'a timestamp more than five minutes in the future',
      headers: (body, now) => hubspotV3Headers(HUBSPOT_SECRET, uri, body, now + FIVE_MINUTES + 1_000),
    },
    {
      name: 'a signed timestamp that differs from the header sent',
      headers: (body, now) => ({
        ...hubspotV3Headers(HUBSPOT_SECRET, uri, body, now),
        'x-hubspot-request-timestamp': String(now + 1),
      }),
    },
    {
      name: 'no signature header',
      headers: (body, now) =>
        without(hubspotV3Headers(HUBSPOT_SECRET, uri, body, now), 'x-hubspot-signature-v3'),
    },
    {
      name: 'no timestamp header',
      headers: (body, now) =>
        without(hubspotV3Headers(HUBSPOT_SECRET, uri, body, now), 'x-hubspot-request-timestamp'),
    },
    {
      name: 'a timestamp that is not an integer',
      headers: (body, now) => ({
        ...hubspotV3Headers(HUBSPOT_SECRET, uri, body, now),
        'x-hubspot-request-timestamp': `${now}.5`,
      }),
    },
    {
      name: 'no headers at all',
      headers: () => ({ 'content-type': 'application/json' }),
    },
    {
      name: 'a valid v1 signature where only v3 is accepted',
      headers: (body) => ({
        'content-type': 'application/json',
        'x-hubspot-signature': createHash('sha256').update(`${HUBSPOT_SECRET}${body}`).digest('hex'),
        'x-hubspot-signature-version': 'v1',
      }),
    },
    {
      name: 'a valid v2 signature where only v3 is accepted',
      headers: (body) => ({
        'content-type': 'application/json',
        'x-hubspot-signature': createHash('sha256')
          .update(`${HUBSPOT_SECRET}POST${uri}${body}`)
          .digest('hex'),
        'x-hubspot-signature-version': 'v2',
      }),
    },
    {
      name: 'a valid v1 signature beside a wrong v3 one (no fallback to the weaker version)',
      headers: (body, now) => ({
        ...hubspotV3Headers('not-the-secret', uri, body, now),
        'x-hubspot-signature': createHash('sha256').update(`${HUBSPOT_SECRET}${body}`).digest('hex'),
        'x-hubspot-signature-version': 'v1',
      }),
    },
  ];
  for (const r of refusals) {
    it(`refuses ${r.name} with 401 and records nothing`, async () => {
      const body = hubspotBody();
      await expectRefusedAndNothingRecorded(await post(HS_PATH, body, r.headers(body, a.now)));
    });
  }

  it('accepts a replay of the same signed request within five minutes without creating new work', async () => {
    const body = hubspotBody();
    const headers = hubspotV3Headers(HUBSPOT_SECRET, uri, body, a.now);
    expect((await post(HS_PATH, body, headers)).status).toBe(204);
    a.now += FIVE_MINUTES - 1_000;
    for (let i = 0; i < 3; i += 1) expect((await post(HS_PATH, body, headers)).status).toBe(204);
    expect(await a.spool.size('hs-1')).toBe(1);
    // Every accepted delivery schedules ingest (one window job), so one recorded and cut off before its scheduling is never stranded; the work is recorded once.
    expect(a.ingestCalls).toEqual(['hs-1', 'hs-1', 'hs-1', 'hs-1']);
    expect(await a.drain()).toMatchObject({ batches: 1, accepted: 1, duplicates: 0 });
    expect(await a.inbox.size('hs-1')).toBe(1);
  });

  it('refuses a replay of a signed request once it is older than five minutes', async () => {
    const body = hubspotBody();
    const headers = hubspotV3Headers(HUBSPOT_SECRET, uri, body, a.now);
    expect((await post(HS_PATH, body, headers)).status).toBe(204);
    a.now += FIVE_MINUTES + 1;
    const res = await post(HS_PATH, body, headers);
    expect(res.status).toBe(401);
    expect(await a.spool.size('hs-1')).toBe(1);
    expect(a.ingestCalls).toEqual(['hs-1']);
  });

  it('still accepts a genuine redelivery (new timestamp, same events) and de-duplicates its events', async () => {
    const body = hubspotBody();
    expect((await post(HS_PATH, body, hubspotV3Headers(HUBSPOT_SECRET, uri, body, a.now))).status).toBe(204);
    a.now += 60_000;
    expect((await post(HS_PATH, body, hubspotV3Headers(HUBSPOT_SECRET, uri, body, a.now))).status).toBe(204);
    expect(await a.drain()).toMatchObject({ batches: 2, accepted: 1, duplicates: 1 });
    expect(await a.inbox.size('hs-1')).toBe(1);
  });
});

const soap = (
  orgId: string,
  recordId = '00Q000000000001AAA',
): string => `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>${orgId}</OrganizationId>
   <ActionId>04k000000000001AAA</ActionId>
   <SessionId xsi:nil="true"/>
   <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/60.0/00D000000000001</EnterpriseUrl>
   <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/60.0/00D000000000001</PartnerUrl>
   <Notification>
    <Id>04l000000000001AAA</Id>
    <sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>${recordId}</sf:Id>
    </sObject>
   </Notification>
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>`;

describe('Salesforce outbound messages', () => {
  const path = (query: string): string => `/webhooks/salesforce/sf-1${query}`;
  const xml = { 'content-type': 'text/xml' };

  const refusals: { name: string; query: string; body: string }[] = [
    { name: 'another org id', query: `?token=${RELAY_SECRET}`, body: soap('00D000000000009AAA') },
    {
      name: 'an org id differing only in case (ids are case-sensitive)',
      query: `?token=${RELAY_SECRET}`,
      body: soap(ORG_ID.toLowerCase()),
    },
    { name: 'an empty org id', query: `?token=${RELAY_SECRET}`, body: soap('') },
    { name: 'no URL token', query: '', body: soap(ORG_ID) },
    { name: 'a wrong URL token', query: '?token=wrong-token', body: soap(ORG_ID) },
    {
      name: 'a URL token given twice',
      query: `?token=${RELAY_SECRET}&token=${RELAY_SECRET}`,
      body: soap(ORG_ID),
    },
  ];
  for (const r of refusals) {
    it(`refuses a message with ${r.name} and records nothing`, async () => {
      const res = await post(path(r.query), r.body, xml);
      expect([400, 401]).toContain(res.status);
      expect(await a.pending()).toEqual({ spool: 0, hubspotInbox: 0, salesforceInbox: 0 });
    });
  }

  it('answers 401, not 400, when only the org id is wrong', async () => {
    await expectRefusedAndNothingRecorded(
      await post(path(`?token=${RELAY_SECRET}`), soap('00D000000000009AAA'), xml),
    );
  });

  it('acknowledges a replayed message again but records its notification once', async () => {
    for (let i = 0; i < 3; i += 1) {
      const res = await post(path(`?token=${RELAY_SECRET}`), soap(ORG_ID), xml);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<Ack>true</Ack>');
    }
    expect(await a.inbox.size('sf-1')).toBe(1);
    // Every accepted delivery schedules ingest (one window job), so one recorded and cut off before its scheduling is never stranded; the work is recorded once.
    expect(a.ingestCalls).toEqual(['sf-1', 'sf-1', 'sf-1']);
  });
});

describe('Salesforce CDC relay signatures', () => {
  const path = '/webhooks/salesforce/sf-1/events';
  const body = JSON.stringify([
    {
      schema: 's',
      payload: {
        ChangeEventHeader: {
          entityName: 'Lead',
          recordIds: ['00Q000000000001AAA'],
          changeType: 'UPDATE',
          changeOrigin: 'com/salesforce/api/rest/62.0;client=SfdcInternalAPI/',
          transactionKey: 'tx-1',
          sequenceNumber: 1,
          commitTimestamp: 1_700_000_000_000,
          commitNumber: 1,
          commitUser: '005000000000001AAA',
          changedFields: ['Email'],
        },
      },
      event: { replayId: 1 },
    },
  ]);
  const refusals: { name: string; headers: (now: number) => Record<string, string> }[] = [
    { name: 'a wrong secret', headers: (now) => relayHeaders('other-secret', body, now) },
    { name: 'a signature over another body', headers: (now) => relayHeaders(RELAY_SECRET, `${body} `, now) },
    {
      name: 'a stale timestamp',
      headers: (now) => relayHeaders(RELAY_SECRET, body, now - FIVE_MINUTES - 1_000),
    },
    {
      name: 'a timestamp in the future',
      headers: (now) => relayHeaders(RELAY_SECRET, body, now + FIVE_MINUTES + 1_000),
    },
    { name: 'no signature header', headers: () => ({ 'content-type': 'application/json' }) },
    {
      name: 'a header without a timestamp',
      headers: (now) => ({
        'x-partnersync-signature': (relayHeaders(RELAY_SECRET, body, now)['x-partnersync-signature'] ?? '')
          .split(',')
          .filter((p) => !p.startsWith('t='))
          .join(','),
      }),
    },
    {
      name: 'a header without a v1 signature',
      headers: (now) => ({ 'x-partnersync-signature': `t=${now}` }),
    },
  ];
  for (const r of refusals) {
    it(`refuses ${r.name} with 401 and records nothing`, async () => {
      await expectRefusedAndNothingRecorded(await post(path, body, r.headers(a.now)));
      expect(a.resyncCalls).toEqual([]);
    });
  }

  it('records a replay of the same signed request within five minutes once, and refuses it later', async () => {
    const headers = relayHeaders(RELAY_SECRET, body, a.now);
    expect((await post(path, body, headers)).status).toBe(204);
    a.now += FIVE_MINUTES - 1_000;
    expect((await post(path, body, headers)).status).toBe(204);
    expect(await a.inbox.size('sf-1')).toBe(1);
    // Every accepted delivery schedules ingest (one window job), so one recorded and cut off before its scheduling is never stranded; the work is recorded once.
    expect(a.ingestCalls).toEqual(['sf-1', 'sf-1']);
    a.now += 2_000;
    expect((await post(path, body, headers)).status).toBe(401);
    expect(await a.inbox.size('sf-1')).toBe(1);
  });
});
