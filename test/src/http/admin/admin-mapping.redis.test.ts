import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMappingPath } from '../../../../mappings/load-mapping-file.js';
import { type AdminHarness, HS_TOKEN, SF_TOKEN, startAdminHarness } from './admin-harness.js';

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminHarness();
});
afterAll(async () => {
  await h.close();
});

const sfYaml = readFileSync(defaultMappingPath('salesforce'), 'utf8');

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

interface Issue {
  path: string;
  message: string;
  suggestion: string | null;
  line: number | null;
}

describe('PUT /admin/connections/:id/mapping', () => {
  it('answers 422 with every issue, stores nothing and keeps the active version', async () => {
    const broken = sfYaml
      .replace('transform: number }', 'transform: numbr }')
      .replace('entity: opportunity\n    source: Opportunity', 'entity: oportunity\n    source: Opportunity');
    const res = await h.call('PUT', '/admin/connections/sf/mapping', SF_TOKEN, { text: broken });
    expect(res.status).toBe(422);
    const body = await json<{ error: { code: string; issues: Issue[] } }>(res);
    expect(body.error.code).toBe('mapping_invalid');
    expect(body.error.issues.length).toBeGreaterThanOrEqual(2);
    const transform = body.error.issues.find((i) => i.path === 'objects.opportunity.fields.amount.transform');
    expect(transform).toMatchObject({ suggestion: 'number', line: expect.any(Number) });
    expect(body.error.issues.find((i) => i.path === 'objects.opportunity.entity')).toMatchObject({
      suggestion: 'opportunity',
    });
    for (const i of body.error.issues)
      expect(Object.keys(i).sort()).toEqual(['line', 'message', 'path', 'suggestion']);
    expect(await h.store.list('sf')).toEqual([]);
    expect(await h.store.activeVersion('sf')).toBeNull();
  });

  it('refuses a mapping for the other CRM with a provider issue', async () => {
    const res = await h.call('PUT', '/admin/connections/hs/mapping', HS_TOKEN, { text: sfYaml });
    expect(res.status).toBe(422);
    const body = await json<{ error: { issues: Issue[] } }>(res);
    expect(body.error.issues).toEqual([expect.objectContaining({ path: 'provider', suggestion: 'hubspot' })]);
  });

  it('lists issues of a JSON mapping object too, without lines', async () => {
    const res = await h.call('PUT', '/admin/connections/sf/mapping', SF_TOKEN, {
      version: 1,
      provider: 'salesforce',
      objects: { lead: { entity: 'persn', source: 'Lead', fields: {} } },
    });
    expect(res.status).toBe(422);
    const body = await json<{ error: { issues: Issue[] } }>(res);
    expect(body.error.issues).toContainEqual(
      expect.objectContaining({ path: 'objects.lead.entity', suggestion: 'person', line: null }),
    );
  });
});

describe('mapping versions, activation, rollback and audit', () => {
  it('stores versions, activates, rolls back and audits each change with a diff summary', async () => {
    const v1 = await h.call('PUT', '/admin/connections/sf/mapping?note=first', SF_TOKEN, { text: sfYaml });
    expect(v1.status).toBe(201);
    expect(await json(v1)).toMatchObject({
      version: { version: 1, author: 'connection:sf', note: 'first' },
      active: null,
    });

    const changed = sfYaml.replace('      title: Title\n', '      title: { from: Title, transform: trim }\n');
    const v2 = await h.call('PUT', '/admin/connections/sf/mapping?activate=true', undefined, {
      text: changed,
    });
    expect(await json(v2)).toMatchObject({ version: { version: 2, author: 'admin' }, active: 2 });

    const active = await json<{ version: number; source: string }>(
      await h.call('GET', '/admin/connections/sf/mapping'),
    );
    expect(active).toMatchObject({ version: 2, source: 'store' });

    const activate1 = await h.call('POST', '/admin/connections/sf/mapping/versions/1/activate', SF_TOKEN);
    expect(await json(activate1)).toMatchObject({ active: 1, audit: { action: 'activate', from: 2, to: 1 } });
    expect((await h.call('POST', '/admin/connections/sf/mapping/versions/9/activate')).status).toBe(404);

    const rollback = await h.call('POST', '/admin/connections/sf/mapping/rollback');
    expect(await json(rollback)).toMatchObject({ active: 2, audit: { action: 'rollback', from: 1, to: 2 } });
    const back = await h.call('POST', '/admin/connections/sf/mapping/rollback');
    expect(await json(back)).toMatchObject({ active: null, audit: { from: 2, to: null } });
    expect((await h.call('POST', '/admin/connections/sf/mapping/rollback')).status).toBe(409);

    const versions = await json<{ active: number | null; versions: { version: number }[] }>(
      await h.call('GET', '/admin/connections/sf/mapping/versions'),
    );
    expect(versions).toMatchObject({ active: null, versions: [{ version: 1 }, { version: 2 }] });

    const audit = await json<{
      entries: { action: string; from: number | null; to: number | null; actor: string; summary: string }[];
    }>(await h.call('GET', '/admin/connections/sf/mapping/audit'));
    expect(audit.entries.map((e) => [e.action, e.from, e.to, e.actor])).toEqual([
      ['rollback', 2, null, 'admin'],
      ['rollback', 1, 2, 'admin'],
      ['activate', 2, 1, 'connection:sf'],
      ['activate', null, 2, 'admin'],
      ['put', null, 2, 'admin'],
      ['put', null, 1, 'connection:sf'],
    ]);
    expect(audit.entries.find((e) => e.action === 'activate' && e.to === 1)?.summary).toBe(
      '+0 -0 ~1: ~objects.lead.fields.title',
    );
    expect(audit.entries.at(-1)?.summary).toBe('no changes');
  });

  it('keeps a connection token away from another connection’s versions', async () => {
    expect((await h.call('POST', '/admin/connections/sf/mapping/versions/1/activate', HS_TOKEN)).status).toBe(
      403,
    );
    expect((await h.call('GET', '/admin/connections/sf/mapping/audit', HS_TOKEN)).status).toBe(403);
  });

  it('answers 404 for an unknown connection', async () => {
    const res = await h.call('GET', '/admin/connections/nope/mapping');
    expect(res.status).toBe(404);
  });
});

describe('GET /admin/connections/:id/rejections', () => {
  it('lists permanent write-back rejections with the CRM message', async () => {
    const request = {
      objectType: 'Lead',
      operation: 'update' as const,
      idField: 'Id',
      id: '00Q000000000001AAA',
      fields: { PS_Duplicate_Status__c: 'x' },
    };
    await h.writeBack.enqueue('sf', [request]);
    const [pending] = await h.writeBack.take('sf', 10);
    if (pending === undefined) throw new Error('nothing pending');
    const rejection = {
      key: pending.key,
      objectType: 'Lead',
      id: request.id,
      crmCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'bad value for restricted picklist field: x',
      fields: ['PS_Duplicate_Status__c'],
      at: '2026-01-01T00:00:00.000Z',
    };
    await h.writeBack.complete('sf', [{ key: pending.key, raw: pending.raw, status: 'rejected', rejection }]);
    const res = await h.call('GET', '/admin/connections/sf/rejections', SF_TOKEN);
    expect(await res.json()).toEqual({ rejections: [rejection] });
  });
});
