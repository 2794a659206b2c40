import { afterEach, describe, expect, it, vi } from 'vitest';
import { HubspotClient } from '../../../connectors/hubspot/client.js';
import { HubspotConnector } from '../../../connectors/hubspot/connector.js';
import { hubspotDefaultSchema } from '../../../connectors/hubspot/default-schema.js';
import { parseHubspotEvents } from '../../../connectors/hubspot/webhook.js';
import { UNLIMITED_GATE } from '../../../connectors/rate-budget.js';
import { adminActor } from '../../../connectors/sandbox/hubspot/portal.js';
import { startHubspotSandbox, type HubspotSandbox } from '../../../connectors/sandbox/start-sandboxes.js';
import { changeTargets } from '../../../src/ingest/change-targets.js';
import { assertNoLegacyHubspotCalls } from '../../helpers/legacy-hubspot.js';

/**
 * Custom objects as HubSpot has them since 2025-06-24: never named by base name in a path (the
 * sandbox answers 400 "Unable to infer object type"), resolved through the schemas API, associated
 * with the USER_DEFINED type the schema declares, and named by objectTypeId in webhooks.
 */

const REG = 'ps_deal_registration';
const open: HubspotSandbox[] = [];
const ctx = () => ({ signal: new AbortController().signal, timeoutMs: 5_000 });
afterEach(async () => {
  vi.restoreAllMocks();
  const done = open.splice(0);
  await Promise.all(done.map((sb) => sb.close()));
  for (const sb of done) assertNoLegacyHubspotCalls(sb);
});

async function setup(): Promise<{ sb: HubspotSandbox; connector: HubspotConnector }> {
  const sb = await startHubspotSandbox({ rateLimits: { tenSecondly: 10_000, searchPerSecond: 1_000 } });
  open.push(sb);
  const client = new HubspotClient({
    connectionId: 'hs-custom',
    baseUrl: sb.url,
    auth: { type: 'private_app', accessToken: sb.credentials.accessToken },
    gate: UNLIMITED_GATE,
  });
  const connector = new HubspotConnector(client, { now: () => Date.now() + 5_000 });
  await connector.ensureSchema(hubspotDefaultSchema(false), ctx());
  return { sb, connector };
}

/** Every path the client requests, as sent on the wire. */
function recordPaths(): string[] {
  const seen: string[] = [];
  const send = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    seen.push(new URL(url).pathname);
    return send(input, init);
  });
  return seen;
}

describe('HubSpot custom objects by objectTypeId', () => {
  it('writes, reads, lists and links a custom object through its objectTypeId, never its base name', async () => {
    const { sb, connector } = await setup();
    const paths = recordPaths();
    const typeId = sb.portal.type(REG)?.objectTypeId ?? '';
    expect(typeId).toMatch(/^2-\d+$/);
    const company = sb.store.create('companies', { name: 'Northwind' }, adminActor).id;
    const written = await connector.upsertByExternalKey(
      REG,
      'ps_external_key',
      [
        { key: 'r1', fields: { ps_status: 'approved' } },
        { key: 'r2', fields: { ps_status: 'rejected' } },
      ],
      ctx(),
    );
    expect(written.map((w) => w.status)).toEqual(['ok', 'ok']);
    const ids = written.flatMap((w) => (w.status === 'ok' ? [w.id] : []));
    const read = await connector.readBatch(REG, ids, ctx());
    expect(read.map((r) => [r.objectType, r.fields['ps_status']]).sort()).toEqual([
      [REG, 'approved'],
      [REG, 'rejected'],
    ]);
    const links = await connector.linkRecords(
      REG,
      'companies',
      ids.map((id) => ({ fromId: id, toId: company })),
      ctx(),
    );
    expect(links.map((l) => l.status)).toEqual(['ok', 'ok']);
    // The unlabelled type of a schema-declared pair is USER_DEFINED, with the schema's associations[].id.
    const types = sb.associations.list(REG, ids[0] ?? '', 'companies')[0]?.associationTypes ?? [];
    expect(types.map((t) => t.category)).toEqual(['USER_DEFINED']);
    const listed: string[] = [];
    for await (const page of connector.listChanges(REG, null, ctx()))
      listed.push(...page.records.map((r) => r.id));
    expect(listed.sort()).toEqual([...ids].sort());
    expect(paths.filter((p) => p.includes(typeId)).length).toBeGreaterThanOrEqual(4);
    expect(paths.filter((p) => p.includes(REG))).toEqual([]);
  });

  it('reads the schemas once, and again only when a type is missing', async () => {
    const { sb, connector } = await setup();
    const schemas = () => sb.counters.get('GET /crm-object-schemas/2026-03/schemas');
    const before = schemas();
    await connector.describe(REG, ctx());
    await connector.describe('ps_partner_attribution', ctx());
    expect(schemas() - before).toBe(1);
    await expect(connector.describe('ps_not_there', ctx())).rejects.toMatchObject({
      crmCode: 'OBJECT_TYPE_NOT_FOUND',
      message: expect.stringContaining('no custom object schema named "ps_not_there"'),
    });
    expect(schemas() - before).toBe(2);
  });

  it('maps a custom-object webhook, association changes included, back to the mapping’s type', async () => {
    const { sb, connector } = await setup();
    const typeId = sb.portal.type(REG)?.objectTypeId ?? '';
    const body = JSON.stringify([
      {
        eventId: 1,
        subscriptionId: 2,
        portalId: 24681357,
        appId: 3141592,
        occurredAt: 1_700_000_000_000,
        subscriptionType: 'object.propertyChange',
        objectTypeId: typeId,
        objectId: 501,
        propertyName: 'ps_status',
        propertyValue: 'submitted',
        changeSource: 'CRM_UI',
      },
      {
        eventId: 3,
        subscriptionId: 4,
        portalId: 24681357,
        appId: 3141592,
        occurredAt: 1_700_000_000_001,
        subscriptionType: 'object.associationChange',
        objectTypeId: typeId,
        fromObjectTypeId: typeId,
        toObjectTypeId: '0-2',
        fromObjectId: 501,
        toObjectId: 777,
        associationRemoved: true,
        changeSource: 'CRM_UI',
      },
    ]);
    const targets = changeTargets(parseHubspotEvents(Buffer.from(body)));
    const named = await Promise.all(
      targets.map(async (t) => [await connector.mappingType(t.objectType, ctx()), t.objectId]),
    );
    expect(named).toEqual([
      [REG, '501'],
      [REG, '501'],
      ['companies', '777'],
    ]);
  });

  it('sends an objectWriteTraceId with every batch input, so one invalid record fails alone', async () => {
    const { sb, connector } = await setup();
    const ids = ['a', 'b', 'c'].map(
      (n) => sb.store.create('contacts', { email: `${n}@trace.example` }, adminActor).id,
    );
    const results = await connector.writeBatch(
      'contacts',
      [
        { id: ids[0] ?? '', fields: { jobtitle: 'CTO' } },
        { id: ids[1] ?? '', fields: { ps_duplicate_status: 'Not an option' } },
        { id: ids[2] ?? '', fields: { jobtitle: 'CFO' } },
      ],
      ctx(),
    );
    expect(results.map((r) => r.status)).toEqual(['ok', 'rejected', 'ok']);
    expect(results[1]).toMatchObject({ crmCode: 'VALIDATION_ERROR', fields: ['ps_duplicate_status'] });
    expect(sb.store.get('contacts', ids[2] ?? '')?.fields['jobtitle']).toBe('CFO');
    const upserts = await connector.upsertByExternalKey(
      REG,
      'ps_external_key',
      [
        { key: 'u1', fields: { ps_status: 'approved' } },
        { key: 'u2', fields: { ps_amount: 'lots' } },
      ],
      ctx(),
    );
    expect(upserts.map((r) => r.status)).toEqual(['ok', 'rejected']);
  });
});
