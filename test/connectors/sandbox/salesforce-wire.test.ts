import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../connectors/sandbox/faults.js';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/sandbox/start-sandboxes.js';
import { startReceiver } from './webhook-receiver.js';

const ACK =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>';

interface PostmanTemplate {
  readonly method: string;
  readonly url: string;
  readonly rawModeData: string;
}

const template = (name: string): PostmanTemplate =>
  JSON.parse(
    readFileSync(new URL(`../../fixtures/vendor/salesforce/${name}`, import.meta.url), 'utf8'),
  ) as PostmanTemplate;

let sb: SalesforceSandbox;
beforeEach(async () => {
  sb = await startSalesforceSandbox({ seed: true });
});
afterEach(async () => {
  await sb.close();
});

/** Fills a Postman template: `{{_endpoint}}`, `{{version}}`, and the typed placeholders of its body. */
async function replay(t: PostmanTemplate, fill: { path?: string; body: Record<string, string> }) {
  const url = (fill.path ?? t.url).replace('{{_endpoint}}', sb.url).replace('{{version}}', '60.0');
  let body = t.rawModeData;
  for (const [placeholder, value] of Object.entries(fill.body))
    body = body.replace(`"${placeholder}"`, value);
  const res = await fetch(url, {
    method: t.method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sb.credentials.accessToken}` },
    body,
  });
  return { status: res.status, json: await res.json() };
}

describe('Salesforce sandbox wire formats', () => {
  it('replays the vendor sObject Collections create template', async () => {
    const t = template('sobject_collections_create.json');
    const records = JSON.stringify([
      { attributes: { type: 'Account' }, Name: 'Replay One' },
      { attributes: { type: 'Contact' }, LastName: 'Replay' },
      { attributes: { type: 'Account' } },
    ]);
    const res = await replay(t, { body: { Boolean: 'false', 'SObject[]': records } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual([
      { id: expect.stringMatching(/^001\w{15}$/), success: true, errors: [] },
      { id: expect.stringMatching(/^003\w{15}$/), success: true, errors: [] },
      {
        success: false,
        errors: [
          {
            statusCode: 'REQUIRED_FIELD_MISSING',
            message: 'Required fields are missing: [Name]',
            fields: ['Name'],
          },
        ],
      },
    ]);
  });

  it('replays the vendor sObject Collections update template on the documented URI and refuses the template URI with an object name', async () => {
    const t = template('sobject_collections_update.json');
    const ids = sb.store
      .list('Account')
      .slice(0, 2)
      .map((r) => r.id);
    const records = JSON.stringify(
      ids.map((id) => ({ attributes: { type: 'Account' }, id, Industry: 'Retail' })),
    );
    const documented = await replay(t, {
      path: '{{_endpoint}}/services/data/v{{version}}/composite/sobjects',
      body: { Boolean: 'true', 'SObject[]': records },
    });
    expect(documented).toEqual({ status: 200, json: ids.map((id) => ({ id, success: true, errors: [] })) });
    const templated = await replay(t, {
      path: t.url.replace('<SOBJECT_API_NAME>', 'Account'),
      body: { Boolean: 'true', 'SObject[]': records },
    });
    expect(templated.status).toBe(405);
  });

  it('delivers outbound-message SOAP notifications that carry the changed record', async () => {
    const receiver = await startReceiver({ status: 200, contentType: 'text/xml', body: ACK });
    sb.webhooks.configure({ url: receiver.url });
    const res = await fetch(`${sb.url}/services/data/v60.0/sobjects/Lead`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sb.credentials.accessToken}` },
      body: JSON.stringify({ LastName: 'Soap', Company: 'Envelope & Co' }),
    });
    const { id } = (await res.json()) as { id: string };
    await sb.webhooks.flush();
    await receiver.close();
    const got = receiver.received[0];
    expect(got?.headers['content-type']).toContain('text/xml');
    const doc = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true }).parse(got?.body ?? '') as {
      Envelope: { Body: { notifications: Record<string, unknown> } };
    };
    const n = doc.Envelope.Body.notifications;
    expect(got?.body).toContain('<notifications xmlns="http://soap.sforce.com/2005/09/outbound">');
    expect(n['OrganizationId']).toMatch(/^00D\w{15}$/);
    expect(n['Notification']).toMatchObject({
      Id: expect.stringMatching(/^04l/),
      sObject: {
        '@_type': 'sf:Lead',
        Id: id,
        Company: 'Envelope & Co',
        LastModifiedById: expect.stringMatching(/^005/),
      },
    });
    expect(sb.webhooks.deliveries.map((d) => d.status)).toEqual([200]);
  });

  it('makes the same fault decisions for the same seed', () => {
    const decide = (seed: number) => {
      const f = new FaultInjector({ seed, serverErrorRate: 0.3, rateLimitRate: 0.1 });
      return Array.from({ length: 50 }, () => f.decide('/crm/v3/objects/contacts')?.kind ?? null);
    };
    expect(decide(7)).toEqual(decide(7));
    expect(decide(7)).not.toEqual(decide(8));
    expect(decide(7).filter((k) => k !== null).length).toBeGreaterThan(5);
  });

  it('answers MALFORMED_QUERY and INVALID_FIELD for bad SOQL', async () => {
    const q = async (soql: string) =>
      (
        await fetch(`${sb.url}/services/data/v60.0/query?q=${encodeURIComponent(soql)}`, {
          headers: { authorization: `Bearer ${sb.credentials.accessToken}` },
        })
      ).json();
    expect(await q('SELEC Id FROM Lead')).toMatchObject([{ errorCode: 'MALFORMED_QUERY' }]);
    expect(await q('SELECT Nope FROM Lead')).toMatchObject([{ errorCode: 'INVALID_FIELD' }]);
    expect(await q('SELECT Id FROM Nope__c')).toMatchObject([{ errorCode: 'INVALID_TYPE' }]);
  });
});
