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

  /** The schema of a release whose duplicate status had no "Not a duplicate" value. */
  const withoutDismissal = (spec: SchemaSpec): SchemaSpec => ({
    ...spec,
    fields: Object.fromEntries(
      Object.entries(spec.fields).map(([obj, fields]) => [
        obj,
        fields.map((f) =>
          f.options === undefined ? f : { ...f, options: f.options.filter((o) => o !== 'Not a duplicate') },
        ),
      ]),
    ),
  });

  it('Salesforce: an upgrade adds "Not a duplicate" to the existing status picklists, keeping values an admin added', async () => {
    const { sb, connector } = await salesforce();
    await connector.ensureSchema(withoutDismissal(salesforceDefaultSchema(false)), ctx());
    const lead = sb.org.object('Lead');
    const status = lead?.fields.find((f) => f.name === 'PS_Duplicate_Status__c');
    expect(status?.picklistValues).toEqual(['Unique', 'Possible Duplicate', 'Duplicate']);
    if (status !== undefined)
      sb.org.replaceField('Lead', { ...status, picklistValues: [...status.picklistValues, 'Merged'] });

    const dry = await connector.ensureSchema(salesforceDefaultSchema(true), ctx());
    expect(dry.items.filter((i) => i.status !== 'existed')).toEqual([
      {
        kind: 'field',
        name: 'Lead.PS_Duplicate_Status__c',
        status: 'would_update',
        detail: 'adds picklist values: Not a duplicate',
      },
      {
        kind: 'field',
        name: 'Contact.PS_Duplicate_Status__c',
        status: 'would_update',
        detail: 'adds picklist values: Not a duplicate',
      },
    ]);
    const upgrade = await connector.ensureSchema(salesforceDefaultSchema(false), ctx());
    expect(upgrade.items.filter((i) => i.status === 'updated').map((i) => i.name)).toEqual([
      'Lead.PS_Duplicate_Status__c',
      'Contact.PS_Duplicate_Status__c',
    ]);
    const values = (obj: string): readonly string[] | undefined =>
      sb.org.object(obj)?.fields.find((f) => f.name === 'PS_Duplicate_Status__c')?.picklistValues;
    expect(values('Lead')).toEqual([
      'Unique',
      'Possible Duplicate',
      'Duplicate',
      'Merged',
      'Not a duplicate',
    ]);
    expect(values('Contact')).toEqual(['Unique', 'Possible Duplicate', 'Duplicate', 'Not a duplicate']);
    const again = await connector.ensureSchema(salesforceDefaultSchema(false), ctx());
    expect(statuses(again)).toEqual(new Set(['existed']));
  });

  it('HubSpot: an upgrade adds the "Not a duplicate" option to the existing status property, keeping its labels', async () => {
    const { sb, connector } = await hubspot(true);
    await connector.ensureSchema(withoutDismissal(hubspotDefaultSchema(false)), ctx());
    const contacts = sb.portal.type('contacts');
    const before = contacts?.properties.get('ps_duplicate_status');
    if (contacts === undefined || before === undefined) throw new Error('not provisioned');
    const relabelled = before.options.map((o) =>
      o.value === 'Unique' ? { ...o, label: 'No duplicate' } : o,
    );
    contacts.properties.set('ps_duplicate_status', { ...before, options: relabelled });

    const dry = await connector.ensureSchema(hubspotDefaultSchema(true), ctx());
    expect(dry.items.filter((i) => i.status !== 'existed')).toEqual([
      {
        kind: 'field',
        name: 'contacts.ps_duplicate_status',
        status: 'would_update',
        detail: 'adds options: Not a duplicate',
      },
    ]);
    const upgrade = await connector.ensureSchema(hubspotDefaultSchema(false), ctx());
    expect(upgrade.items.filter((i) => i.status !== 'existed').map((i) => [i.name, i.status])).toEqual([
      ['contacts.ps_duplicate_status', 'updated'],
    ]);
    const after = contacts.properties.get('ps_duplicate_status')?.options.map((o) => [o.label, o.value]);
    expect(after).toEqual([
      ['No duplicate', 'Unique'],
      ['Possible Duplicate', 'Possible Duplicate'],
      ['Duplicate', 'Duplicate'],
      ['Not a duplicate', 'Not a duplicate'],
    ]);
    const again = await connector.ensureSchema(hubspotDefaultSchema(false), ctx());
    expect(again.items.filter((i) => i.status !== 'existed')).toEqual([]);
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
