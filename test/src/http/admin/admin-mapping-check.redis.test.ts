import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubspotDefaultSchema } from '../../../../connectors/hubspot/default-schema.js';
import { salesforceDefaultSchema } from '../../../../connectors/salesforce/default-schema.js';
import { defaultMappingPath } from '../../../../mappings/load-mapping-file.js';
import { type AdminHarness, HS_TOKEN, SF_TOKEN, startAdminHarness } from './admin-harness.js';

/** PUT /admin/connections/:id/mapping?check=crm: the mapping is checked against the live CRM first. */

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminHarness();
});
afterAll(async () => {
  await h.close();
});

const yaml = (provider: 'salesforce' | 'hubspot') => readFileSync(defaultMappingPath(provider), 'utf8');

interface Issue {
  path: string;
  message: string;
  suggestion: string | null;
  line: number | null;
}

async function versions(id: string, token: string): Promise<number> {
  const res = await h.call('GET', `/admin/connections/${id}/mapping/versions`, token);
  return ((await res.json()) as { versions: unknown[] }).versions.length;
}

async function provision(id: 'sf' | 'hs'): Promise<void> {
  const runtime = h.connections.get(id);
  if (runtime === undefined) throw new Error(`no ${id}`);
  const schema = id === 'sf' ? salesforceDefaultSchema(false) : hubspotDefaultSchema(false);
  await runtime.connector.ensureSchema(schema, { signal: AbortSignal.timeout(30_000) });
}

describe('PUT /admin/connections/:id/mapping?check=crm', () => {
  it('answers 422 with every field the CRM lacks and stores nothing; after provisioning it stores', async () => {
    const before = await versions('sf', SF_TOKEN);
    const res = await h.call('PUT', '/admin/connections/sf/mapping?check=crm', SF_TOKEN, {
      text: yaml('salesforce'),
    });
    expect(res.status).toBe(422);
    const issues = ((await res.json()) as { error: { issues: Issue[] } }).error.issues;
    expect(issues).toContainEqual({
      path: 'writeBack.lead.fields.duplicateStatus',
      message: 'Lead has no field "PS_Duplicate_Status__c"',
      suggestion: null,
      line: null,
    });
    expect(issues.find((i) => i.path === 'objects.registration.source')?.message).toBe(
      'the CRM has no object "PS_Deal_Registration__c"',
    );
    expect(issues.map((i) => i.path)).toContain('objects.partner.fields.tier.from');
    expect(await versions('sf', SF_TOKEN)).toBe(before);

    // The same connector answers fresh describes once the fields exist (no stale metadata cache).
    await provision('sf');
    const ok = await h.call('PUT', '/admin/connections/sf/mapping?check=crm', SF_TOKEN, {
      text: yaml('salesforce'),
    });
    expect(ok.status).toBe(201);
    const body = (await ok.json()) as { notes: Issue[] };
    expect(body.notes.map((n) => n.path)).toContain('objects.opportunity.fields.currency.from');
    expect(await versions('sf', SF_TOKEN)).toBe(before + 1);
  });

  it('answers 422 for a type mismatch, naming path, object and field; without ?check=crm it stores', async () => {
    await provision('hs');
    const text = yaml('hubspot').replace('      name: dealname\n', '      name: amount\n');
    const before = await versions('hs', HS_TOKEN);
    const res = await h.call('PUT', '/admin/connections/hs/mapping?check=crm', HS_TOKEN, { text });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { issues: Issue[] } }).error.issues).toEqual([
      {
        path: 'objects.deal.fields.name.from',
        message: 'deals.amount is a number field, but name is a string (add a transform)',
        suggestion: null,
        line: null,
      },
    ]);
    expect(await versions('hs', HS_TOKEN)).toBe(before);
    // The CRM check is opt-in: the mapping itself is valid.
    const plain = await h.call('PUT', '/admin/connections/hs/mapping', HS_TOKEN, { text });
    expect(plain.status).toBe(201);
    expect(await plain.json()).not.toHaveProperty('notes');
    expect(await versions('hs', HS_TOKEN)).toBe(before + 1);
  });

  it('lets the default HubSpot mapping through against the provisioned portal', async () => {
    const res = await h.call('PUT', '/admin/connections/hs/mapping?check=crm', HS_TOKEN, {
      text: yaml('hubspot'),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { notes: Issue[] }).notes).toEqual([]);
  });
});
