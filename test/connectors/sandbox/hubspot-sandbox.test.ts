/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK models are classes, but the SDK documents plain object literals as inputs */
import { createHmac } from 'node:crypto';
import { Client } from '@hubspot/api-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminActor } from '../../../connectors/sandbox/hubspot/portal.js';
import { startHubspotSandbox, type HubspotSandbox } from '../../../connectors/sandbox/start-sandboxes.js';
import { startReceiver } from './webhook-receiver.js';

let sb: HubspotSandbox;
let client: Client;
const fast = { limiterOptions: { minTime: 0, maxConcurrent: 10, id: 'sandbox-test' } };

beforeEach(async () => {
  sb = await startHubspotSandbox({ seed: true, rateLimits: { tenSecondly: 1000, searchPerSecond: 1000 } });
  client = new Client({ accessToken: sb.credentials.accessToken, basePath: sb.url, ...fast });
});
afterEach(async () => {
  await sb.close();
});

describe('HubSpot sandbox driven by the real @hubspot/api-client', () => {
  it('answers a traced batch update with 207 and per-record errors for an unknown id and an unknown property', async () => {
    const [a, b] = sb.store.list('contacts');
    const res = await client.crm.contacts.batchApi.update({
      inputs: [
        { id: a?.id ?? '', properties: { jobtitle: 'CTO' }, objectWriteTraceId: 't0' },
        { id: '999999999', properties: { jobtitle: 'CEO' }, objectWriteTraceId: 't1' },
        { id: b?.id ?? '', properties: { no_such_property: 'x' }, objectWriteTraceId: 't2' },
      ] as never,
    });
    expect(res.results.map((r) => r.id)).toEqual([a?.id]);
    expect('errors' in res ? res.errors.map((e) => e.category).sort() : []).toEqual([
      'OBJECT_NOT_FOUND',
      'VALIDATION_ERROR',
    ]);
    const invalid = 'errors' in res ? res.errors.find((e) => e.category === 'VALIDATION_ERROR') : undefined;
    expect(invalid?.message).toContain('PROPERTY_DOESNT_EXIST');
    expect(invalid?.context).toMatchObject({ objectWriteTraceId: ['t2'] });
    expect(sb.store.get('contacts', a?.id ?? '')?.fields['jobtitle']).toBe('CTO');
    expect(sb.counters.get('POST /crm/v3/objects/:objectType/batch/update')).toBe(1);
  });

  it('fails a whole untraced batch update or upsert with 400 on one invalid input, and writes nothing', async () => {
    const [a, b] = sb.store.list('contacts');
    await expect(
      client.crm.contacts.batchApi.update({
        inputs: [
          { id: a?.id ?? '', properties: { jobtitle: 'CTO' } },
          { id: b?.id ?? '', properties: { no_such_property: 'x' } },
        ],
      }),
    ).rejects.toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR' } });
    expect(sb.store.get('contacts', a?.id ?? '')?.fields['jobtitle']).not.toBe('CTO');
    // An unknown id alone stays per-record, trace ids or not.
    const res = await client.crm.contacts.batchApi.update({
      inputs: [
        { id: a?.id ?? '', properties: { jobtitle: 'CTO' } },
        { id: '999999999', properties: { jobtitle: 'CEO' } },
      ],
    });
    expect(res.results.map((r) => r.id)).toEqual([a?.id]);
  });

  it('returns batch results in an order of its own, not the input order', async () => {
    const inputs = Array.from({ length: 20 }, (_, i) => ({
      properties: { email: `order${i}@x.example` },
      objectWriteTraceId: String(i),
      associations: [],
    }));
    const res = await client.crm.contacts.batchApi.create({ inputs });
    const order = res.results.map((r) => r.properties['email']);
    expect([...order].sort()).toEqual(inputs.map((i) => i.properties.email).sort());
    expect(order).not.toEqual(inputs.map((i) => i.properties.email));
  });

  it('serves objects, search, properties, schemas and associations on the 2026-03 paths, and tallies legacy calls', async () => {
    // https://developers.hubspot.com/docs/api-reference/latest/overview (same shapes as v3/v4)
    const call = async (method: string, path: string, body?: unknown): Promise<[number, unknown]> => {
      const res = await fetch(`${sb.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${sb.credentials.accessToken}`,
          'content-type': 'application/json',
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return [res.status, await res.json()];
    };
    const id = sb.store.list('contacts')[0]?.id ?? '';
    const company = sb.store.list('companies')[0]?.id ?? '';
    const read = { inputs: [{ id }], properties: ['email'] };
    expect(await call('POST', '/crm/objects/2026-03/contacts/batch/read', read)).toMatchObject([
      200,
      { status: 'COMPLETE', results: [{ id }] },
    ]);
    expect(await call('POST', '/crm/objects/2026-03/contacts/search', { limit: 1 })).toMatchObject([
      200,
      { results: [{}] },
    ]);
    expect(await call('GET', '/crm/objects/2026-03/contacts?archived=true')).toMatchObject([
      200,
      { results: [] },
    ]);
    expect(await call('GET', '/crm/properties/2026-03/contacts')).toMatchObject([
      200,
      { results: expect.arrayContaining([expect.objectContaining({ name: 'email' })]) },
    ]);
    expect(await call('GET', '/crm-object-schemas/2026-03/schemas')).toMatchObject([200, { results: [] }]);
    const [, labels] = await call('GET', '/crm/associations/2026-03/contacts/companies/labels');
    expect(labels).toMatchObject({
      results: expect.arrayContaining([{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }]),
    });
    const link = {
      inputs: [
        {
          from: { id },
          to: { id: company },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
        },
      ],
    };
    expect((await call('POST', '/crm/associations/2026-03/contacts/companies/batch/create', link))[0]).toBe(
      201,
    );
    expect(
      await call('POST', '/crm/associations/2026-03/contacts/companies/batch/read', { inputs: [{ id }] }),
    ).toMatchObject([
      200,
      {
        results: [
          {
            from: { id },
            to: expect.arrayContaining([expect.objectContaining({ toObjectId: Number(company) })]),
          },
        ],
      },
    ]);
    expect(sb.legacyCalls()).toEqual([]);
    // A real portal still answers the legacy paths until they lose support; the sandbox does too, and counts them.
    expect((await call('GET', '/crm/v3/properties/contacts'))[0]).toBe(200);
    expect(sb.legacyCalls()).toEqual(['GET /crm/v3/properties/contacts']);
  });

  it('caps associations batch read at 1,000 ids', async () => {
    const inputs = Array.from({ length: 1_001 }, (_, i) => ({ id: String(i) }));
    const res = await fetch(`${sb.url}/crm/v4/associations/deals/companies/batch/read`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sb.credentials.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs }),
    });
    expect(res.status).toBe(400);
    const ok = await fetch(`${sb.url}/crm/v4/associations/deals/companies/batch/read`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sb.credentials.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: inputs.slice(0, 1_000) }),
    });
    expect(ok.status).toBe(200);
  });

  it('rejects a batch of more than 100 inputs with 400', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ id: String(i), properties: {} }));
    await expect(client.crm.contacts.batchApi.update({ inputs })).rejects.toMatchObject({ code: 400 });
  });

  it('rejects writes to undefined properties with PROPERTY_DOESNT_EXIST until the property is created', async () => {
    await expect(
      client.crm.contacts.basicApi.create({
        properties: { email: 'new@x.example', ps_duplicate_status: 'unique' },
        associations: [],
      }),
    ).rejects.toMatchObject({
      code: 400,
      body: { category: 'VALIDATION_ERROR', message: expect.stringContaining('PROPERTY_DOESNT_EXIST') },
    });
    await client.crm.properties.groupsApi.create('contacts', { name: 'partnersync', label: 'PartnerSync' });
    await client.crm.properties.coreApi.create('contacts', {
      name: 'ps_duplicate_status',
      label: 'Duplicate status',
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'partnersync',
      options: [{ label: 'Unique', value: 'unique', displayOrder: 0, hidden: false }],
    } as never);
    const created = await client.crm.contacts.basicApi.create({
      properties: { email: 'new@x.example', ps_duplicate_status: 'unique' },
      associations: [],
    });
    expect(created.properties['ps_duplicate_status']).toBe('unique');
  });

  it('pages search results with after and answers 400 past the 10,000-result cap', async () => {
    for (let i = 0; i < 10_050; i += 1)
      sb.store.create('contacts', { email: `bulk${i}@cap.example`, lastname: 'Cap' }, adminActor);
    const req = (after: string) => ({
      filterGroups: [{ filters: [{ propertyName: 'lastname', operator: 'EQ' as never, value: 'Cap' }] }],
      sorts: [],
      properties: ['email'],
      limit: 200,
      after,
    });
    const page = await client.crm.contacts.searchApi.doSearch(req('0'));
    expect(page.total).toBe(10_050);
    expect(page.results).toHaveLength(200);
    expect(page.paging?.next?.after).toBe('200');
    const last = await client.crm.contacts.searchApi.doSearch(req('9800'));
    expect(last.paging?.next?.after).toBe('10000');
    await expect(client.crm.contacts.searchApi.doSearch(req('10000'))).rejects.toMatchObject({ code: 400 });
  });

  it('answers 429 with the ten-secondly body and X-HubSpot-RateLimit headers when the burst limit is hit', async () => {
    await sb.close();
    sb = await startHubspotSandbox({ rateLimits: { tenSecondly: 2 } });
    client = new Client({ accessToken: sb.credentials.accessToken, basePath: sb.url, ...fast });
    await client.crm.contacts.basicApi.getPage(10);
    await client.crm.contacts.basicApi.getPage(10);
    const err: unknown = await client.crm.contacts.basicApi.getPage(10).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 429,
      body: {
        status: 'error',
        message: 'You have reached your ten-secondly rolling limit.',
        errorType: 'RATE_LIMIT',
        policyName: 'TEN_SECONDLY_ROLLING',
      },
    });
    expect(err).toMatchObject({
      headers: {
        'x-hubspot-ratelimit-max': '2',
        'x-hubspot-ratelimit-remaining': '0',
        'x-hubspot-ratelimit-interval-milliseconds': '10000',
      },
    });
  });

  it('answers 429 SECONDLY for searches past the per-second limit', async () => {
    sb.limits.search.tryTake();
    await sb.close();
    sb = await startHubspotSandbox({ rateLimits: { searchPerSecond: 1 } });
    const res = [0, 1].map(() =>
      fetch(`${sb.url}/crm/v3/objects/contacts/search`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${sb.credentials.accessToken}`,
          'content-type': 'application/json',
        },
        body: '{}',
      }),
    );
    const [a, b] = await Promise.all(res);
    expect(a?.status).toBe(200);
    expect(await b?.json()).toMatchObject({
      policyName: 'SECONDLY',
      message: 'You have reached your secondly limit.',
    });
  });

  it('injects a 5xx that the client retries when numberOfApiCallRetries allows it', async () => {
    const retrying = new Client({
      accessToken: sb.credentials.accessToken,
      basePath: sb.url,
      numberOfApiCallRetries: 2,
      ...fast,
    });
    sb.faults.failNext('serverError');
    const page = await retrying.crm.companies.basicApi.getPage(5);
    expect(page.results.length).toBeGreaterThan(0);
    expect(sb.counters.snapshot()).toMatchObject({ faulted: 1, total: 2 });
  });

  it('simulates a portal without custom objects: an empty schema list, and a 403 on create', async () => {
    sb.portal.customObjectsEnabled = false;
    const body = {
      name: 'ps_deal_registration',
      labels: { singular: 'Deal registration', plural: 'Deal registrations' },
      primaryDisplayProperty: 'ps_external_key',
      requiredProperties: ['ps_external_key'],
      properties: [{ name: 'ps_external_key', label: 'External key', hasUniqueValue: true } as never],
      associatedObjects: ['DEAL'],
    };
    await expect(client.crm.schemas.coreApi.getAll()).resolves.toMatchObject({ results: [] });
    await expect(client.crm.schemas.coreApi.create(body)).rejects.toMatchObject({
      code: 403,
      body: { status: 'error', category: 'MISSING_SCOPES' },
    });
    sb.portal.customObjectsEnabled = true;
    const schema = await client.crm.schemas.coreApi.create({
      name: 'ps_deal_registration',
      labels: { singular: 'Deal registration', plural: 'Deal registrations' },
      primaryDisplayProperty: 'ps_external_key',
      requiredProperties: ['ps_external_key'],
      properties: [{ name: 'ps_external_key', label: 'External key', hasUniqueValue: true } as never],
      associatedObjects: ['DEAL'],
    });
    expect(schema.objectTypeId).toMatch(/^2-\d+$/);
    const rec = await client.crm.objects.basicApi.create(schema.objectTypeId ?? '', {
      properties: { ps_external_key: 'reg-1' },
      associations: [],
    });
    expect(rec.id).toMatch(/^\d+$/);
  });

  it('refuses a custom object by its base name (400 Unable to infer object type) and takes the id or qualified name', async () => {
    const schema = await client.crm.schemas.coreApi.create({
      name: 'ps_thing',
      labels: { singular: 'Thing', plural: 'Things' },
      primaryDisplayProperty: 'ps_external_key',
      requiredProperties: ['ps_external_key'],
      properties: [{ name: 'ps_external_key', label: 'External key', hasUniqueValue: true } as never],
      associatedObjects: ['COMPANY'],
    });
    for (const path of [
      '/crm/v3/objects/ps_thing?limit=1',
      '/crm/v3/properties/ps_thing',
      '/crm/v4/associations/ps_thing/companies/labels',
    ]) {
      const res = await fetch(`${sb.url}${path}`, {
        headers: { authorization: `Bearer ${sb.credentials.accessToken}` },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ message: 'Unable to infer object type from: ps_thing' });
    }
    const typeId = schema.objectTypeId ?? '';
    for (const ref of [typeId, schema.fullyQualifiedName ?? '', 'p_ps_thing']) {
      await expect(client.crm.objects.basicApi.getPage(ref, 1)).resolves.toMatchObject({ results: [] });
    }
    // The pair the schema declares is USER_DEFINED and unlabelled, with the schema's associations[].id.
    const labels = await client.crm.associations.v4.schema.definitionsApi.getAll(typeId, 'companies');
    const declared = schema.associations.find((a) => a.toObjectTypeId === '0-2');
    expect(labels.results).toEqual([
      expect.objectContaining({ category: 'USER_DEFINED', typeId: Number(declared?.id), label: null }),
    ]);
    // A pair no schema declares has no type at all.
    const none = await client.crm.associations.v4.schema.definitionsApi.getAll(typeId, 'contacts');
    expect(none.results).toEqual([]);
  });

  it('associates records with v4 labels and lists them', async () => {
    const contact = sb.store.list('contacts')[0];
    const company = sb.store.list('companies')[0];
    const labels = await client.crm.associations.v4.schema.definitionsApi.create('contacts', 'companies', {
      label: 'Partner contact',
      name: 'partner_contact',
    });
    const label = labels.results.find((l) => l.label === 'Partner contact');
    await client.crm.associations.v4.basicApi.create(
      'contacts',
      contact?.id ?? '',
      'companies',
      company?.id ?? '',
      [{ associationCategory: 'USER_DEFINED' as never, associationTypeId: label?.typeId ?? 0 }],
    );
    const listed = await client.crm.associations.v4.basicApi.getPage(
      'contacts',
      contact?.id ?? '',
      'companies',
    );
    expect(
      listed.results
        .find((r) => `${r.toObjectId as unknown as number}` === company?.id)
        ?.associationTypes.map((t) => t.label),
    ).toContain('Partner contact');
  });

  it('refreshes an OAuth token through /oauth/v1/token', async () => {
    const c = sb.credentials;
    const tokens = await new Client({ basePath: sb.url }).oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      c.clientId,
      c.clientSecret,
      c.refreshToken,
    );
    const oauthClient = new Client({ accessToken: tokens.accessToken, basePath: sb.url, ...fast });
    expect((await oauthClient.crm.deals.basicApi.getPage(1)).results).toHaveLength(1);
    sb.auth.expireAll();
    await expect(oauthClient.crm.deals.basicApi.getPage(1)).rejects.toMatchObject({
      code: 401,
      body: { category: 'EXPIRED_AUTHENTICATION' },
    });
  });

  it('refreshes through /oauth/2026-03/token, answering errors in the RFC 6749 shape', async () => {
    const c = sb.credentials;
    const post = (form: Record<string, string>, query = '') =>
      fetch(`${sb.url}/oauth/2026-03/token${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
    const good = {
      grant_type: 'refresh_token',
      client_id: c.clientId,
      client_secret: c.clientSecret,
      refresh_token: c.refreshToken,
    };
    const ok = await post(good);
    expect(ok.status).toBe(200);
    const token = (await ok.json()) as { access_token: string };
    expect(sb.auth.status(token.access_token)).toBe('ok');
    const bad = await post({ ...good, refresh_token: 'revoked' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
    const inQuery = await post(good, `?client_secret=${c.clientSecret}`);
    expect(await inQuery.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('lists archived records with archived=true after a delete', async () => {
    const contact = sb.store.list('contacts')[0];
    await client.crm.contacts.basicApi.archive(contact?.id ?? '');
    const archived = await client.crm.contacts.basicApi.getPage(
      100,
      undefined,
      undefined,
      undefined,
      undefined,
      true,
    );
    expect(archived.results.map((r) => [r.id, r.archived])).toEqual([[contact?.id, true]]);
  });

  it('fires signed v3 webhooks in batches of at most 100 and marks our own writes as INTEGRATION', async () => {
    const receiver = await startReceiver({ status: 204, contentType: 'text/plain', body: '' });
    sb.webhooks.configure({ url: receiver.url });
    const inputs = Array.from({ length: 100 }, (_, i) => ({
      properties: { email: `hook${i}@x.example` },
      associations: [],
    }));
    await client.crm.contacts.batchApi.create({ inputs });
    await client.crm.contacts.batchApi.create({
      inputs: inputs.slice(0, 50).map((i, n) => ({ ...i, properties: { email: `hook-b${n}@x.example` } })),
    });
    await sb.webhooks.flush();
    await receiver.close();
    const sizes = receiver.received.map((r) => (JSON.parse(r.body) as unknown[]).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(150);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    for (const r of receiver.received) {
      const ts = String(r.headers['x-hubspot-request-timestamp']);
      const expected = createHmac('sha256', sb.credentials.clientSecret)
        .update(`POST${receiver.url}${r.body}${ts}`)
        .digest('base64');
      expect(r.headers['x-hubspot-signature-v3']).toBe(expected);
    }
    const first = (JSON.parse(receiver.received[0]?.body ?? '[]') as Record<string, unknown>[])[0];
    expect(first).toMatchObject({
      subscriptionType: 'contact.creation',
      changeSource: 'INTEGRATION',
      sourceId: String(sb.credentials.appId),
      appId: sb.credentials.appId,
      attemptNumber: 0,
      portalId: expect.any(Number),
    });
  });

  it('fires merge and privacyDeletion webhooks for contact merge and GDPR delete', async () => {
    const receiver = await startReceiver({ status: 200, contentType: 'text/plain', body: '' });
    sb.webhooks.configure({ url: receiver.url });
    const [a, b, c] = sb.store.list('contacts');
    await client.crm.contacts.basicApi.merge({ primaryObjectId: a?.id ?? '', objectIdToMerge: b?.id ?? '' });
    await client.crm.contacts.basicApi.purge({ objectId: c?.id ?? '' });
    await sb.webhooks.flush();
    await receiver.close();
    const events = receiver.received.flatMap((r) => JSON.parse(r.body) as Record<string, unknown>[]);
    expect(events).toContainEqual(
      expect.objectContaining({
        subscriptionType: 'contact.merge',
        primaryObjectId: Number(a?.id),
        mergedObjectIds: [Number(b?.id)],
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ subscriptionType: 'contact.privacyDeletion', objectId: Number(c?.id) }),
    );
  });
});
