import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConnections } from '../../src/config/load-connections.js';
import { parseEnv } from '../../src/core/env.js';
import { ConfigError } from '../../src/core/errors/index.js';
import { ORG_ID, RELAY_SECRET } from '../helpers/webhook-app.js';
import { relayHeaders } from '../helpers/sign.js';
import { leastBlocked, longestBlockMs, slowestHealthzMs } from './event-loop-probe.js';
import { startSecurityApp, type SecurityApp } from './security-app.js';

const OUTBOUND_PATH = `/webhooks/salesforce/sf-1?token=${RELAY_SECRET}`;

function outbound(notifications: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound"><OrganizationId>${ORG_ID}</OrganizationId><ActionId>04k000000000001AAA</ActionId><SessionId xsi:nil="true"/><EnterpriseUrl>https://e.example</EnterpriseUrl><PartnerUrl>https://p.example</PartnerUrl>${notifications}</notifications></soapenv:Body></soapenv:Envelope>`;
}
const sObject = (inner: string): string =>
  `<sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">${inner}</sObject>`;
const notification = (i: number, fields = ''): string =>
  `<Notification><Id>04l${String(i).padStart(15, '0')}</Id>${sObject(`<sf:Id>00Q${String(i).padStart(15, '0')}</sf:Id><sf:LastName>L${i}</sf:LastName>${fields}`)}</Notification>`;

let a: SecurityApp;
beforeAll(async () => {
  a = await startSecurityApp();
});
afterAll(async () => {
  await a.close();
});

async function postOutbound(body: string): Promise<Response> {
  return fetch(`${a.url}${OUTBOUND_PATH}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
}

describe('finding 1: one outbound message no longer blocks everything', () => {
  for (const fields of [8_000, 10_000]) {
    it(`answers a ${fields}-field message fast without holding /healthz or the event loop for 100 ms`, async () => {
      const many = Array.from({ length: fields }, (_, f) => `<sf:F${f}__c>v</sf:F${f}__c>`).join('');
      const body = outbound(notification(1, many));
      // Warm the parser worker (the service starts it at boot) so what is measured is the request.
      const warm = Array.from({ length: 3_000 }, (_, f) => `<sf:W${f}__c>v</sf:W${f}__c>`).join('');
      await (await postOutbound(outbound(notification(0, warm)))).arrayBuffer();
      const { result, blockedMs, tookMs } = await leastBlocked(3, async () => {
        const started = performance.now();
        const measured = await longestBlockMs(() =>
          slowestHealthzMs(a.url, async () => {
            const res = await postOutbound(body);
            return { status: res.status, json: (await res.json()) as { error: { code: string } } };
          }),
        );
        return { ...measured, tookMs: performance.now() - started };
      });
      expect(result.result.status).toBe(400);
      expect(result.result.json.error.code).toBe('webhook_payload_invalid');
      expect(tookMs).toBeLessThan(5_000);
      expect(result.slowestMs).toBeLessThan(100);
      expect(blockedMs).toBeLessThan(100);
    });
  }

  it('refuses a message with more elements than any real one before parsing it (413)', async () => {
    const many = Array.from({ length: 25_000 }, () => '<sf:A>v</sf:A>').join('');
    const res = await postOutbound(outbound(notification(1, many)));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_limit_exceeded' } });
  });
});

describe('Salesforce S4: a notification without data does not fail the message', () => {
  it('records the 99 good notifications, re-syncs the type of the empty one, and acks', async () => {
    const before = await a.inbox.size('sf-1');
    const good = Array.from({ length: 99 }, (_, i) => notification(1_000 + i));
    // https://help.salesforce.com/s/articleView?id=platform.workflow_om_considerations.htm&type=5
    const empty = `<Notification><Id>04l000000000009999</Id>${sObject('')}</Notification>`;
    const res = await postOutbound(outbound([...good.slice(0, 40), empty, ...good.slice(40)].join('')));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Ack>true</Ack>');
    expect((await a.inbox.size('sf-1')) - before).toBe(99);
    expect(a.resyncCalls).toContain('sf-1');
  });
});

describe('finding 2: empty or short secrets are refused at boot, naming the field', () => {
  const hubspot = (webhook: Record<string, unknown>): Record<string, unknown> => ({
    id: 'hs',
    provider: 'hubspot',
    auth: { type: 'private_app', accessToken: 'pat-1' },
    webhook,
  });
  const salesforce = (webhook: Record<string, unknown>): Record<string, unknown> => ({
    id: 'sf',
    provider: 'salesforce',
    auth: { type: 'access_token', accessToken: 't', instanceUrl: 'https://x.my.salesforce.com' },
    webhook: { organizationId: ORG_ID, ...webhook },
  });
  for (const [name, raw, path] of [
    ['an empty HubSpot client secret', hubspot({ clientSecret: '' }), 'connections.hs.webhook.clientSecret'],
    [
      'a short HubSpot client secret',
      hubspot({ clientSecret: 'short' }),
      'connections.hs.webhook.clientSecret',
    ],
    [
      'a blank shared secret',
      salesforce({ sharedSecret: ' '.repeat(20) }),
      'connections.sf.webhook.sharedSecret',
    ],
    ['an empty shared secret', salesforce({ sharedSecret: '' }), 'connections.sf.webhook.sharedSecret'],
  ] as const) {
    it(`CONNECTIONS_FILE: ${name}`, () => {
      let error: unknown;
      try {
        parseConnections([raw], 'connections.yaml');
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues?.map((i) => i.path)).toContain(path);
      expect((error as ConfigError).message).toContain(path);
    });
  }

  it('env: a short secret fails, an empty one still means "not set" (the route then refuses)', () => {
    expect(() => parseEnv({ SALESFORCE_WEBHOOK_SECRET: 'abc' })).toThrow(/SALESFORCE_WEBHOOK_SECRET/);
    expect(() => parseEnv({ HUBSPOT_CLIENT_SECRET: 'abc' })).toThrow(/HUBSPOT_CLIENT_SECRET/);
    expect(parseEnv({ SALESFORCE_WEBHOOK_SECRET: '' }).SALESFORCE_WEBHOOK_SECRET).toBeUndefined();
  });
});

describe('finding 5: malformed webhook bodies are 4xx, never 500', () => {
  it('a validly signed relay body nested 100,000 deep is refused with 413', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const body = JSON.stringify({
      payload: {
        ChangeEventHeader: {
          entityName: 'Lead',
          recordIds: ['00Q000000000001AAA'],
          changeType: 'UPDATE',
          transactionKey: 't',
          sequenceNumber: 1,
          commitTimestamp: 1,
        },
        Nested: '__DEEP__',
      },
    }).replace('"__DEEP__"', deep);
    const res = await fetch(`${a.url}/webhooks/salesforce/sf-1/events`, {
      method: 'POST',
      headers: relayHeaders(RELAY_SECRET, body, a.now),
      body,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_limit_exceeded' } });
    expect(a.logText()).not.toContain('unhandled error');
  });
});

describe('finding 6: credentials are redacted from the access log whatever the encoding', () => {
  it('redacts ?%74oken= on an accepted request and ;token= on a 404', async () => {
    const encoded = await postOutbound(outbound(notification(7)));
    expect(encoded.status).toBe(200);
    const viaEncoding = await fetch(`${a.url}/webhooks/salesforce/sf-1?%74oken=${RELAY_SECRET}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: outbound(notification(8)),
    });
    expect(viaEncoding.status).toBe(200);
    const notFound = await fetch(`${a.url}/nothing;token=matrix-secret-value-123;x=1`);
    expect(notFound.status).toBe(404);
    const log = a.logText();
    expect(log).toContain('%74oken=[Redacted]');
    expect(log).toContain(';token=[Redacted]');
    expect(log).not.toContain(RELAY_SECRET);
    expect(log).not.toContain('matrix-secret-value-123');
  });
});
