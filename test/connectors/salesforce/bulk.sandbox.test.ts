import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderRecord } from '../../../connectors/port.js';
import { UNLIMITED_GATE } from '../../../connectors/rate-budget.js';
import { bulkIngest } from '../../../connectors/salesforce/bulk-ingest.js';
import { SalesforceClient } from '../../../connectors/salesforce/client.js';
import { SalesforceConnector } from '../../../connectors/salesforce/connector.js';
import { salesforceDefaultSchema } from '../../../connectors/salesforce/default-schema.js';
import { adminActor } from '../../../connectors/sandbox/salesforce/org.js';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/sandbox/start-sandboxes.js';

/** Bulk API 2.0 above the threshold: ingest for large write batches, query for backfills. */

const ctx = () => ({ signal: new AbortController().signal, timeoutMs: 10_000 });
const open: SalesforceSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sb) => sb.close()));
});

const POLLING = { pollMs: 5, maxPollMs: 20, maxWaitMs: 5_000, pageSize: 1_000 };

async function setup(): Promise<{
  sb: SalesforceSandbox;
  connector: SalesforceConnector;
  client: SalesforceClient;
}> {
  const sb = await startSalesforceSandbox();
  open.push(sb);
  const client = new SalesforceClient({
    connectionId: 'sf-bulk',
    loginUrl: sb.url,
    apiVersion: '62.0',
    auth: { type: 'access_token', accessToken: sb.credentials.accessToken, instanceUrl: sb.url },
    gate: UNLIMITED_GATE,
  });
  const connector = new SalesforceConnector(client, {
    now: () => Date.now() + 5_000,
    bulkThreshold: 1_000,
    bulkPolling: POLLING,
  });
  return { sb, connector, client };
}

const addLeads = (sb: SalesforceSandbox, n: number): string[] =>
  Array.from(
    { length: n },
    (_v, i) => sb.store.create('Lead', { LastName: `L${i}`, Company: 'Bulk Co' }, adminActor).id,
  );
const bulkCalls = (sb: SalesforceSandbox): number => sb.counters.get(/\/jobs\//);
const collectionCalls = (sb: SalesforceSandbox): number => sb.counters.get(/composite\/sobjects/);

describe('SalesforceConnector Bulk API 2.0 (sandbox)', () => {
  it('updates more records than the threshold through one ingest job, per-record results in input order', async () => {
    const { sb, connector } = await setup();
    const ids = addLeads(sb, 1_200);
    sb.store.softDelete('Lead', ids[7] ?? '', adminActor);
    sb.store.update('Lead', ids[8] ?? '', { Title: 'old' }, adminActor);
    const writes = ids.map((id, i) => ({ id, fields: { Title: i === 8 ? null : `T${i}` } }));
    const results = await connector.writeBatch('Lead', writes, ctx());
    expect(results.map((r) => r.index)).toEqual([...ids.keys()]);
    expect(results.filter((r) => r.status === 'ok')).toHaveLength(1_199);
    expect(results[7]).toMatchObject({ status: 'rejected', crmCode: 'ENTITY_IS_DELETED' });
    expect(sb.store.get('Lead', ids[5] ?? '')?.fields['Title']).toBe('T5');
    expect(sb.store.get('Lead', ids[8] ?? '')?.fields['Title']).toBeNull();
    expect(collectionCalls(sb)).toBe(0);
    expect(bulkCalls(sb)).toBeLessThanOrEqual(7);
  });

  it('splits an ingest whose CSV exceeds one upload into several jobs, results still in input order', async () => {
    const { sb, client } = await setup();
    const ids = addLeads(sb, 1_200);
    const rows = ids.map((Id, i) => ({ Id, Title: `Title ${i}` }));
    const req = {
      object: 'Lead',
      operation: 'update' as const,
      keyField: 'Id',
      rows,
      maxUploadBytes: 20_000,
    };
    const results = await bulkIngest(client, req, ctx(), POLLING);
    expect(sb.counters.get('POST /services/data/:version/jobs/ingest')).toBeGreaterThan(1);
    expect(results.map((r) => r.index)).toEqual([...ids.keys()]);
    expect(results.map((r) => (r.status === 'ok' ? r.id : ''))).toEqual(ids);
    expect(sb.store.get('Lead', ids[1_199] ?? '')?.fields['Title']).toBe('Title 1199');
  });

  it('keeps sObject Collections at or below the threshold', async () => {
    const { sb, connector } = await setup();
    const ids = addLeads(sb, 1_000);
    await connector.writeBatch(
      'Lead',
      ids.map((id) => ({ id, fields: { Title: 'x' } })),
      ctx(),
    );
    expect(collectionCalls(sb)).toBe(5);
    expect(bulkCalls(sb)).toBe(0);
  });

  it('upserts custom-object rows by external id through an ingest job, reading created flags', async () => {
    const { sb, connector } = await setup();
    await connector.ensureSchema(salesforceDefaultSchema(false), ctx());
    // Provisioning grants its permission sets through collections; count only the upserts' calls.
    const provisionCalls = collectionCalls(sb);
    const rows = Array.from({ length: 1_500 }, (_v, i) => ({
      key: `opp-${i}:partner-1`,
      fields: { Role__c: 'Influenced', Credit_Percent__c: 50 },
    }));
    const first = await connector.upsertByExternalKey(
      'PS_Partner_Attribution__c',
      'External_Key__c',
      rows,
      ctx(),
    );
    expect(first.every((r) => r.status === 'ok' && r.created)).toBe(true);
    const again = await connector.upsertByExternalKey(
      'PS_Partner_Attribution__c',
      'External_Key__c',
      rows,
      ctx(),
    );
    expect(again.every((r) => r.status === 'ok' && !r.created)).toBe(true);
    expect(again.map((r) => (r.status === 'ok' ? r.id : ''))).toEqual(
      first.map((r) => (r.status === 'ok' ? r.id : '')),
    );
    expect(sb.store.count('PS_Partner_Attribution__c')).toBe(1_500);
    expect(collectionCalls(sb)).toBe(provisionCalls);
  });

  it('backfills more records than the threshold with a Bulk API query, deletes and types included', async () => {
    const { sb, connector } = await setup();
    const ids = addLeads(sb, 2_500);
    for (const id of ids.slice(0, 4)) sb.store.softDelete('Lead', id, adminActor);
    const seen: ProviderRecord[] = [];
    let last = null;
    for await (const page of connector.listChanges('Lead', null, ctx())) {
      seen.push(...page.records);
      last = page.cursor;
    }
    expect(new Set(seen.map((r) => r.id)).size).toBe(2_500);
    expect(
      seen
        .filter((r) => r.deleted)
        .map((r) => r.id)
        .sort(),
    ).toEqual(ids.slice(0, 4).sort());
    expect(seen.find((r) => !r.deleted)?.fields['IsConverted']).toBe(false);
    expect(sb.counters.get('GET /services/data/:version/jobs/query/:id/results')).toBe(3);
    expect(sb.counters.get('GET /services/data/:version/queryAll')).toBe(1); // the COUNT()
    expect(last).toMatchObject({ provider: 'salesforce', afterId: null });
    // Incremental listings (with a cursor) stay on the REST query.
    const before = bulkCalls(sb);
    for await (const page of connector.listChanges('Lead', last, ctx()))
      expect(page.records.length).toBeGreaterThanOrEqual(0);
    expect(bulkCalls(sb)).toBe(before);
  });
});
