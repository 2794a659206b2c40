import { afterEach, describe, expect, it } from 'vitest';
import { HubspotClient } from '../../connectors/hubspot/client.js';
import { HubspotConnector } from '../../connectors/hubspot/connector.js';
import { hubspotDefaultSchema } from '../../connectors/hubspot/default-schema.js';
import type { CrmConnector, ProvisionReport, SchemaSpec } from '../../connectors/port.js';
import { UNLIMITED_GATE } from '../../connectors/rate-budget.js';
import { SalesforceClient } from '../../connectors/salesforce/client.js';
import { SalesforceConnector } from '../../connectors/salesforce/connector.js';
import { salesforceDefaultSchema } from '../../connectors/salesforce/default-schema.js';
import {
  startHubspotSandbox,
  startSalesforceSandbox,
  type HubspotSandbox,
  type SalesforceSandbox,
} from '../../connectors/sandbox/start-sandboxes.js';

const ctx = () => ({ signal: new AbortController().signal, timeoutMs: 5_000 });
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

const statuses = (r: ProvisionReport): Set<string> => new Set(r.items.map((i) => i.status));
const count = (spec: SchemaSpec): number =>
  Object.values(spec.fields).reduce((n, f) => n + f.length, 0) +
  spec.customObjects.reduce((n, o) => n + 1 + o.fields.length, 0);

async function salesforce(): Promise<{ sb: SalesforceSandbox; connector: CrmConnector }> {
  const sb = await startSalesforceSandbox();
  closers.push(() => sb.close());
  const client = new SalesforceClient({
    connectionId: 'sf-provision',
    loginUrl: sb.url,
    apiVersion: '62.0',
    auth: { type: 'access_token', accessToken: sb.credentials.accessToken, instanceUrl: sb.url },
    gate: UNLIMITED_GATE,
  });
  return { sb, connector: new SalesforceConnector(client) };
}

async function hubspot(customObjects: boolean): Promise<{ sb: HubspotSandbox; connector: CrmConnector }> {
  const sb = await startHubspotSandbox({ customObjects, rateLimits: { tenSecondly: 10_000 } });
  closers.push(() => sb.close());
  const client = new HubspotClient({
    connectionId: 'hs-provision',
    baseUrl: sb.url,
    auth: { type: 'private_app', accessToken: sb.credentials.accessToken },
    gate: UNLIMITED_GATE,
  });
  return { sb, connector: new HubspotConnector(client) };
}

describe('provisioning the default schema against the sandboxes', () => {
  it('Salesforce: a dry run lists everything, a real run creates it, a second run creates nothing', async () => {
    const { sb, connector } = await salesforce();
    const dry = await connector.ensureSchema(salesforceDefaultSchema(true), ctx());
    // Every field and object, then the integration and read-only permission sets.
    expect(dry.items).toHaveLength(count(salesforceDefaultSchema(true)) + 2);
    expect(statuses(dry)).toEqual(new Set(['would_create']));
    expect(sb.org.object('PS_Deal_Registration__c')).toBeUndefined();

    const first = await connector.ensureSchema(salesforceDefaultSchema(false), ctx());
    expect(first.items.filter((i) => i.status !== 'created')).toEqual([]);
    expect(first.items.map((i) => i.name)).toEqual(dry.items.map((i) => i.name));
    expect(sb.org.object('PS_Partner_Attribution__c')).toBeDefined();

    const second = await connector.ensureSchema(salesforceDefaultSchema(false), ctx());
    expect(statuses(second)).toEqual(new Set(['existed']));
    expect(second.items).toHaveLength(first.items.length);
  });

  it('HubSpot: a dry run lists everything, a real run creates it, a second run creates nothing', async () => {
    const { sb, connector } = await hubspot(true);
    const dry = await connector.ensureSchema(hubspotDefaultSchema(true), ctx());
    expect(statuses(dry)).toEqual(new Set(['would_create']));
    const first = await connector.ensureSchema(hubspotDefaultSchema(false), ctx());
    expect(first.items.filter((i) => i.status !== 'created')).toEqual([]);
    expect(first.items.map((i) => i.name)).toEqual(dry.items.map((i) => i.name));
    expect(sb.portal.type('ps_deal_registration')).toBeDefined();
    const second = await connector.ensureSchema(hubspotDefaultSchema(false), ctx());
    expect(second.items.filter((i) => i.status !== 'existed')).toEqual([]);
  });

  it('HubSpot: an upgrade adds the properties a newer release defines to an existing custom object', async () => {
    const { connector } = await hubspot(true);
    const full = hubspotDefaultSchema(false);
    const older: SchemaSpec = {
      ...full,
      customObjects: full.customObjects.map((o) => ({ ...o, fields: o.fields.slice(0, 3) })),
    };
    await connector.ensureSchema(older, ctx());
    const upgrade = await connector.ensureSchema(full, ctx());
    const created = upgrade.items.filter((i) => i.status === 'created').map((i) => i.name);
    const added = full.customObjects.flatMap((o) => o.fields.slice(3).map((f) => `${o.name}.${f.name}`));
    expect(created.sort()).toEqual(added.sort());
  });

  it('HubSpot without custom objects: reports the fallback and provisions the deal properties instead', async () => {
    const { connector } = await hubspot(false);
    const report = await connector.ensureSchema(hubspotDefaultSchema(false), ctx());
    const objects = report.items.filter((i) => i.kind === 'object');
    expect(objects.map((o) => [o.name, o.status])).toEqual([
      ['ps_deal_registration', 'fallback'],
      ['ps_partner_attribution', 'fallback'],
    ]);
    expect(objects[0]?.detail).toMatch(/custom objects unavailable/);
    expect(report.items).toContainEqual(
      expect.objectContaining({ name: 'deals.ps_registration_status', status: 'created' }),
    );
    expect(report.items.filter((i) => i.status === 'failed')).toEqual([]);
  });
});
