import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderRecord } from '../../../connectors/port.js';
import { UNLIMITED_GATE } from '../../../connectors/rate-budget.js';
import { SalesforceClient } from '../../../connectors/salesforce/client.js';
import { SalesforceConnector } from '../../../connectors/salesforce/connector.js';
import { adminActor } from '../../../connectors/sandbox/salesforce/org.js';
import { field } from '../../../connectors/sandbox/salesforce/schema.js';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/sandbox/start-sandboxes.js';
import { defaultMappingPath, loadMappingFile } from '../../../mappings/load-mapping-file.js';
import { sourceFieldsOf } from '../../../mappings/source-fields.js';

const open: SalesforceSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sb) => sb.close()));
});
const ctx = () => ({ signal: new AbortController().signal, timeoutMs: 10_000 });

/** A Lead with 1,000 custom fields (orgs with managed packages get there), and a few records. */
async function wideOrg(): Promise<SalesforceSandbox> {
  const sb = await startSalesforceSandbox();
  open.push(sb);
  for (let i = 0; i < 1_000; i += 1)
    sb.org.addField('Lead', field(`Wide_Field_${String(i).padStart(4, '0')}__c`, { type: 'string' }));
  for (let i = 0; i < 3; i += 1)
    sb.store.create(
      'Lead',
      { LastName: `Wide ${i}`, Company: 'Wide Co', Email: `wide${i}@example.com`, Wide_Field_0999__c: 'x' },
      adminActor,
    );
  return sb;
}

function connector(sb: SalesforceSandbox, readFields?: (t: string) => Promise<string[] | undefined>) {
  const client = new SalesforceClient({
    connectionId: 'sf-wide',
    loginUrl: sb.url,
    apiVersion: '62.0',
    auth: { type: 'access_token', accessToken: sb.credentials.accessToken, instanceUrl: sb.url },
    gate: UNLIMITED_GATE,
  });
  return new SalesforceConnector(client, {
    now: () => Date.now() + 5_000,
    ...(readFields !== undefined ? { readFields } : {}),
  });
}

async function listAll(c: SalesforceConnector): Promise<ProviderRecord[]> {
  const out: ProviderRecord[] = [];
  for await (const page of c.listChanges('Lead', null, ctx())) out.push(...page.records);
  return out;
}

describe('a 1,000-field Lead', () => {
  it('the sandbox answers 414 to a GET whose URI passes 16,384 bytes, as Salesforce does', async () => {
    const sb = await wideOrg();
    const names = sb.org.objectOrThrow('Lead').fields.map((f) => f.name);
    const soql = (n: readonly string[]): string => encodeURIComponent(`SELECT ${n.join(', ')} FROM Lead`);
    const get = (n: readonly string[], extra: Record<string, string> = {}) =>
      fetch(`${sb.url}/services/data/v62.0/queryAll?q=${soql(n)}`, {
        headers: { authorization: `Bearer ${sb.credentials.accessToken}`, ...extra },
      });
    expect((await get(names)).status).toBe(414);
    // Under the URI cap, a large header pushes the request over: 431.
    const fits = names.slice(0, 500);
    expect((await get(fits, { 'x-pad': 'p'.repeat(8_000) })).status).toBe(431);
    expect((await get(fits)).status).toBe(200);
  });

  it('syncs, selecting only the fields the mapping reads, in a short GET', async () => {
    const sb = await wideOrg();
    const mapping = loadMappingFile(defaultMappingPath('salesforce'));
    const records = await listAll(connector(sb, async (t) => sourceFieldsOf(mapping, t)));
    expect(records.map((r) => r.fields['Email']).sort()).toEqual([
      'wide0@example.com',
      'wide1@example.com',
      'wide2@example.com',
    ]);
    const read = new Set([...(sourceFieldsOf(mapping, 'Lead') ?? []), 'Id', 'SystemModstamp', 'IsDeleted']);
    const own = ['LastModifiedById', 'MasterRecordId', 'IsConverted', 'ConvertedContactId'];
    const selected = Object.keys(records[0]?.fields ?? {});
    expect(selected.filter((f) => !read.has(f) && !own.includes(f) && !f.startsWith('Converted'))).toEqual(
      [],
    );
    expect(selected).toContain('LastName');
    expect(sb.counters.get('GET /services/data/:version/queryAll')).toBe(1);
    expect(sb.counters.get('POST /services/data/:version/composite')).toBe(0);
  });

  it('syncs every field too, with the long query in a Composite body instead of the URI', async () => {
    const sb = await wideOrg();
    const records = await listAll(connector(sb));
    expect(records).toHaveLength(3);
    expect(records.every((r) => r.fields['Wide_Field_0999__c'] === 'x')).toBe(true);
    expect(sb.counters.get('GET /services/data/:version/queryAll')).toBe(0);
    expect(sb.counters.get('POST /services/data/:version/composite')).toBe(1);
  });
});
