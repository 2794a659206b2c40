import { afterEach, describe, expect, it } from 'vitest';
import { startPrivateRedis } from '../../../src/queue/local-redis.js';
import { hubspotV3Headers, relayHeaders } from '../../helpers/sign.js';
import {
  HUBSPOT_APP_ID,
  HUBSPOT_SECRET,
  ORG_ID,
  PORTAL_ID,
  RELAY_SECRET,
  startWebhookApp,
  type WebhookApp,
} from '../../helpers/webhook-app.js';

const apps: WebhookApp[] = [];
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const stop of stops.splice(0)) await stop();
});

async function app(...args: Parameters<typeof startWebhookApp>): Promise<WebhookApp> {
  const started = await startWebhookApp(...args);
  apps.push(started);
  return started;
}

const PUBLIC = 'https://partnersync.example.com';

function event(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    eventId: 1,
    subscriptionId: 12345,
    portalId: Number(PORTAL_ID),
    appId: Number(HUBSPOT_APP_ID),
    occurredAt: 1_700_000_000_000,
    subscriptionType: 'contact.propertyChange',
    attemptNumber: 0,
    objectId: 101,
    propertyName: 'email',
    propertyValue: 'a@example.com',
    changeSource: 'CRM_UI',
    ...overrides,
  };
}

async function postHubspot(a: WebhookApp, body: string, headers?: Record<string, string>): Promise<Response> {
  const path = '/webhooks/hubspot/hs-1';
  return fetch(`${a.url}${path}`, {
    method: 'POST',
    body,
    headers: headers ?? hubspotV3Headers(HUBSPOT_SECRET, `${PUBLIC}${path}`, body),
  });
}

describe('POST /webhooks/hubspot/:connection', () => {
  it('records each changed record once and schedules ingest', async () => {
    const a = await app();
    const body = JSON.stringify([
      event({ eventId: 1, objectId: 101 }),
      event({
        eventId: 2,
        objectId: 102,
        subscriptionType: 'contact.creation',
        propertyName: undefined,
        propertyValue: undefined,
      }),
      event({
        eventId: 3,
        objectId: 501,
        subscriptionType: 'deal.propertyChange',
        propertyName: 'amount',
        propertyValue: '10',
      }),
    ]);
    const res = await postHubspot(a, body);
    expect(res.status).toBe(204);
    await a.drain();
    const entries = await a.inbox.peek('hs-1', 10);
    expect(entries.map((e) => `${e.objectType}/${e.objectId}`).sort()).toEqual([
      'contacts/101',
      'contacts/102',
      'deals/501',
    ]);
    expect(a.ingestCalls).toEqual(['hs-1']);
  });

  it('treats the same batch delivered three times in any order as one change per record', async () => {
    const a = await app();
    const events = [
      event({ eventId: 1, objectId: 101 }),
      event({ eventId: 2, objectId: 102, occurredAt: 1_700_000_000_500 }),
    ];
    for (const batch of [events, [...events].reverse(), events]) {
      expect((await postHubspot(a, JSON.stringify(batch))).status).toBe(204);
    }
    await a.drain();
    expect(await a.inbox.size('hs-1')).toBe(2);
    const metrics = await a.metrics.registry.getSingleMetricAsString('partnersync_webhook_events_total');
    expect(metrics).toContain('partnersync_webhook_events_total{provider="hubspot",outcome="enqueued"} 2');
    expect(metrics).toContain('partnersync_webhook_events_total{provider="hubspot",outcome="duplicate"} 4');
  });

  it('spools the verified bytes and schedules ingest once per window', async () => {
    const a = await app();
    for (let i = 0; i < 3; i += 1)
      await postHubspot(a, JSON.stringify([event({ eventId: i, objectId: 100 + i })]));
    expect(await a.spool.size('hs-1')).toBe(3);
    expect(a.ingestCalls).toEqual(['hs-1', 'hs-1', 'hs-1']);
    const drained = await a.drain();
    expect(drained).toMatchObject({ batches: 3, events: 3, accepted: 3, invalid: 0 });
    expect(await a.spool.size('hs-1')).toBe(0);
  });

  it('drops a signed batch that passes the intake check but fails the full schema, and counts it', async () => {
    const a = await app();
    await postHubspot(a, JSON.stringify([event({ subscriptionType: 'contact.exploded' })]));
    expect(await a.drain()).toMatchObject({ batches: 1, invalid: 1, accepted: 0 });
    expect(await a.inbox.size('hs-1')).toBe(0);
  });

  it('keeps the newest change time of a record when events arrive out of order', async () => {
    const a = await app();
    await postHubspot(
      a,
      JSON.stringify([event({ eventId: 2, propertyValue: 'new@example.com', occurredAt: 2_000 })]),
    );
    await postHubspot(
      a,
      JSON.stringify([event({ eventId: 1, propertyValue: 'old@example.com', occurredAt: 1_000 })]),
    );
    await a.drain();
    expect(await a.inbox.peek('hs-1', 10)).toEqual([
      { objectType: 'contacts', objectId: '101', occurredAt: 2_000 },
    ]);
  });

  it('rejects a tampered body with 401 and records nothing', async () => {
    const a = await app();
    const body = JSON.stringify([event({})]);
    const headers = hubspotV3Headers(HUBSPOT_SECRET, `${PUBLIC}/webhooks/hubspot/hs-1`, body);
    const res = await postHubspot(a, body.replace('101', '102'), headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'webhook_unauthorized' } });
    expect(await a.spool.size('hs-1')).toBe(0);
    expect(a.ingestCalls).toEqual([]);
  });

  it('rejects a signature older than five minutes and one made with the wrong secret', async () => {
    const a = await app();
    const body = JSON.stringify([event({})]);
    const uri = `${PUBLIC}/webhooks/hubspot/hs-1`;
    expect(
      (await postHubspot(a, body, hubspotV3Headers(HUBSPOT_SECRET, uri, body, Date.now() - 301_000))).status,
    ).toBe(401);
    expect((await postHubspot(a, body, hubspotV3Headers('wrong-secret', uri, body))).status).toBe(401);
    expect(await a.spool.size('hs-1')).toBe(0);
  });

  it('answers 400 with issues for a signed but malformed payload, recording nothing', async () => {
    const a = await app();
    const res = await postHubspot(a, JSON.stringify([{ eventId: 'x' }]));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: unknown[] } };
    expect(body.error.code).toBe('webhook_payload_invalid');
    expect(body.error.issues.length).toBeGreaterThan(0);
    expect(await a.spool.size('hs-1')).toBe(0);
  });

  it('answers 413 for a body over the limit', async () => {
    const a = await app(undefined, 4096);
    const body = JSON.stringify(Array.from({ length: 100 }, (_, i) => event({ eventId: i, objectId: i })));
    expect((await postHubspot(a, body)).status).toBe(413);
  });

  it('answers 404 for an unknown connection and for a connection of the other CRM', async () => {
    const a = await app();
    const body = JSON.stringify([event({})]);
    for (const id of ['nope', 'sf-1']) {
      const path = `/webhooks/hubspot/${id}`;
      const res = await fetch(`${a.url}${path}`, {
        method: 'POST',
        body,
        headers: hubspotV3Headers(HUBSPOT_SECRET, `${PUBLIC}${path}`, body),
      });
      expect(res.status).toBe(404);
    }
  });

  it('rejects a delivery for another portal', async () => {
    const a = await app();
    expect((await postHubspot(a, JSON.stringify([event({ portalId: 999 })]))).status).toBe(401);
  });

  it('drops changes our own app made, so write-back never echoes into new work', async () => {
    const a = await app();
    const body = JSON.stringify([
      event({ changeSource: 'INTEGRATION', sourceId: HUBSPOT_APP_ID, propertyName: 'ps_duplicate_status' }),
    ]);
    expect((await postHubspot(a, body)).status).toBe(204);
    expect((await a.drain()).echoes).toBe(1);
    expect(await a.inbox.size('hs-1')).toBe(0);
  });

  it('re-reads both records of an association change and every record of a merge', async () => {
    const a = await app();
    const body = JSON.stringify([
      event({
        subscriptionType: 'contact.associationChange',
        objectId: 101,
        associationType: 'CONTACT_TO_COMPANY',
        fromObjectId: 101,
        toObjectId: 7001,
        associationRemoved: false,
      }),
      event({
        eventId: 9,
        subscriptionType: 'contact.merge',
        objectId: 201,
        primaryObjectId: 201,
        mergedObjectIds: [202, 203],
        newObjectId: 201,
      }),
    ]);
    expect((await postHubspot(a, body)).status).toBe(204);
    await a.drain();
    const entries = await a.inbox.peek('hs-1', 10);
    expect(entries.map((e) => `${e.objectType}/${e.objectId}`).sort()).toEqual([
      'companies/7001',
      'contacts/101',
      'contacts/201',
      'contacts/202',
      'contacts/203',
    ]);
  });

  it('schedules ingest for a re-sent request whose first try was spooled but not scheduled', async () => {
    const a = await app(undefined, undefined, 1);
    const body = JSON.stringify([event({ eventId: 7, objectId: 107 })]);
    const headers = hubspotV3Headers(HUBSPOT_SECRET, `${PUBLIC}/webhooks/hubspot/hs-1`, body);
    expect((await postHubspot(a, body, headers)).status).toBe(503);
    expect(await a.spool.size('hs-1')).toBe(1);
    expect(a.ingestCalls).toEqual([]);
    // HubSpot re-sends the same signed request: not spooled twice, but its ingest is scheduled now.
    expect((await postHubspot(a, body, headers)).status).toBe(204);
    expect(await a.spool.size('hs-1')).toBe(1);
    expect(a.ingestCalls).toEqual(['hs-1']);
  });

  it('answers 503 and records nothing when Redis is down, so HubSpot redelivers', async () => {
    const redis = await startPrivateRedis();
    stops.push(() => redis.stop());
    const a = await app(redis.url);
    await redis.stop();
    const res = await postHubspot(a, JSON.stringify([event({})]));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect(a.ingestCalls).toEqual([]);
  });
});

const SOAP = (orgId: string, ids: string[]): string => `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>${orgId}</OrganizationId>
   <ActionId>04k000000000001AAA</ActionId>
   <SessionId xsi:nil="true"/>
   <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/60.0/00D000000000001</EnterpriseUrl>
   <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/60.0/00D000000000001</PartnerUrl>
${ids
  .map(
    (id, i) => `   <Notification>
    <Id>04l00000000000${i}AAA</Id>
    <sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>${id}</sf:Id>
     <sf:LastName>Example</sf:LastName>
    </sObject>
   </Notification>`,
  )
  .join('\n')}
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>`;

describe('POST /webhooks/salesforce/:connection', () => {
  const url = (a: WebhookApp, path: string): string => `${a.url}/webhooks/salesforce/sf-1${path}`;

  it('acknowledges an outbound message with the SOAP Ack and records its records', async () => {
    const a = await app();
    const res = await fetch(url(a, `?token=${RELAY_SECRET}`), {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: SOAP(ORG_ID, ['00Q000000000001AAA', '00Q000000000002AAA']),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await res.text()).toMatch(/<notificationsResponse[^>]*>\s*<Ack>true<\/Ack>/);
    expect((await a.inbox.peek('sf-1', 10)).map((e) => e.objectId).sort()).toEqual([
      '00Q000000000001AAA',
      '00Q000000000002AAA',
    ]);
  });

  it('schedules ingest for a redelivered message whose first delivery reached the inbox but was not scheduled', async () => {
    const a = await app(undefined, undefined, 1);
    const deliver = () =>
      fetch(url(a, `?token=${RELAY_SECRET}`), {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: SOAP(ORG_ID, ['00Q000000000003AAA']),
      });
    expect((await deliver()).status).toBe(503);
    expect(await a.inbox.size('sf-1')).toBe(1);
    expect((await deliver()).status).toBe(200);
    expect(await a.inbox.size('sf-1')).toBe(1);
    expect(a.ingestCalls).toEqual(['sf-1']);
  });

  it('refuses an outbound message for another org or without the URL token', async () => {
    const a = await app();
    const wrongOrg = await fetch(url(a, `?token=${RELAY_SECRET}`), {
      method: 'POST',
      body: SOAP('00D000000000009AAA', ['00Q000000000001AAA']),
    });
    expect(wrongOrg.status).toBe(401);
    const noToken = await fetch(url(a, ''), { method: 'POST', body: SOAP(ORG_ID, ['00Q000000000001AAA']) });
    expect(noToken.status).toBe(401);
    expect(await a.inbox.size('sf-1')).toBe(0);
  });

  it('accepts HMAC-signed Change Data Capture events and resyncs an object on a wildcard', async () => {
    const a = await app();
    const header = (ids: string[], changeType = 'UPDATE') => ({
      entityName: 'Lead',
      recordIds: ids,
      changeType,
      changeOrigin: 'com/salesforce/api/rest/62.0;client=SfdcInternalAPI/',
      transactionKey: `tx-${ids.join('-')}`,
      sequenceNumber: 1,
      commitTimestamp: 1_700_000_000_000,
      commitNumber: 1,
      commitUser: '005000000000001AAA',
      changedFields: ['Email'],
    });
    const body = JSON.stringify([
      {
        schema: 's',
        payload: { ChangeEventHeader: header(['00Q000000000001AAA']), Email: 'x@example.com' },
        event: { replayId: 1 },
      },
      {
        schema: 's',
        payload: { ChangeEventHeader: header(['00Q*'], 'GAP_OVERFLOW') },
        event: { replayId: 2 },
      },
    ]);
    const res = await fetch(url(a, '/events'), {
      method: 'POST',
      body,
      headers: relayHeaders(RELAY_SECRET, body),
    });
    expect(res.status).toBe(204);
    expect((await a.inbox.peek('sf-1', 10)).map((e) => e.objectId)).toEqual(['00Q000000000001AAA']);
    expect(a.resyncCalls).toEqual([{ connection: 'sf-1', objectTypes: ['Lead'] }]);
    const bad = await fetch(url(a, '/events'), {
      method: 'POST',
      body,
      headers: relayHeaders('other-secret', body),
    });
    expect(bad.status).toBe(401);
  });
});
