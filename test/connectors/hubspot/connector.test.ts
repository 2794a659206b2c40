import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { HubspotClient } from '../../../connectors/hubspot/client.js';
import { HubspotConnector } from '../../../connectors/hubspot/connector.js';
import { UNLIMITED_GATE } from '../../../connectors/rate-budget.js';
import type { ConformanceDriver } from '../conformance.js';
import { runConformance } from '../conformance.js';
import { fakeSearch } from './fake-search.js';

const BASE = 'https://api.hubapi.example';
const NOW = Date.parse('2024-06-01T00:00:00Z');
const MODIFIED = Date.parse('2024-05-01T10:00:00Z');

function hubspotDriver(): ConformanceDriver {
  let refreshed = false;
  return {
    batchSize: 100,
    objectType: 'contacts',
    textField: 'ps_note',
    listSize: 207,
    ids: async (n) => Array.from({ length: n }, (_v, i) => String(1000 + i)),
    async changes(upserts, deletes) {
      const deleted = Array.from({ length: deletes }, (_v, i) => String(900 + i));
      fakeSearch(
        BASE,
        'contacts',
        Array.from({ length: upserts }, (_v, i) => ({ id: 1000 + i, modified: MODIFIED + i })),
      );
      // https://developers.hubspot.com/docs/api/crm/contacts — GET ?archived=true
      nock(BASE)
        .get('/crm/objects/2026-03/contacts')
        .query({ archived: 'true', limit: '100' })
        .reply(200, {
          results: deleted.map((id) => ({
            id,
            properties: {},
            createdAt: '2024-01-01T00:00:00Z',
            updatedAt: '2024-05-02T00:00:00Z',
            archived: true,
            archivedAt: '2024-05-02T00:00:00Z',
          })),
        });
      return deleted;
    },
    async updates(_ids, failAt) {
      let calls = 0;
      nock(BASE)
        .post('/crm/objects/2026-03/contacts/batch/update')
        .times(3)
        .reply((_u, raw) => {
          calls += 1;
          const { inputs } = raw as { inputs: { id: string }[] };
          if (inputs.length > 100)
            return [400, { status: 'error', message: 'too many', category: 'VALIDATION_ERROR' }];
          const bad = inputs.filter((x) => failAt.includes(Number(x.id) - 1000));
          const good = inputs.filter((x) => !bad.includes(x));
          const results = good.map((x) => ({
            id: x.id,
            properties: {},
            createdAt: '2024-01-01T00:00:00Z',
            updatedAt: '2024-06-01T00:00:00Z',
            archived: false,
          }));
          if (bad.length === 0)
            return [
              200,
              {
                status: 'COMPLETE',
                results,
                startedAt: '2024-06-01T00:00:00Z',
                completedAt: '2024-06-01T00:00:01Z',
              },
            ];
          const errors = bad.map((x) => ({
            status: 'error',
            category: 'VALIDATION_ERROR',
            message:
              'Property values were not valid: [{"isValid":false,"message":"bad value","error":"INVALID_OPTION","name":"ps_note"}]',
            context: { ids: [x.id] },
          }));
          return [
            207,
            {
              status: 'COMPLETE',
              results,
              numErrors: errors.length,
              errors,
              startedAt: '2024-06-01T00:00:00Z',
              completedAt: '2024-06-01T00:00:01Z',
            },
          ];
        });
      return () => calls;
    },
    async readFails(kind) {
      const scope = nock(BASE).post('/crm/objects/2026-03/contacts/batch/read');
      if (kind === 'rate_limit') {
        scope.reply(429, {
          status: 'error',
          message: 'You have reached your ten_secondly_rolling limit.',
          errorType: 'RATE_LIMIT',
          correlationId: 'c0ffee00-0000-4000-8000-000000000000',
          policyName: 'TEN_SECONDLY_ROLLING',
          requestId: 'r-1',
        });
      }
      if (kind === 'server_error') scope.reply(502, '<html>Bad Gateway</html>');
      if (kind === 'hang') scope.delay(2_000).reply(200, { status: 'COMPLETE', results: [] });
      if (kind === 'unauthorized') {
        const expired = {
          status: 'error',
          message: 'Authentication credentials not found.',
          correlationId: 'c0ffee00-0000-4000-8000-000000000001',
          category: 'INVALID_AUTHENTICATION',
        };
        scope.reply(401, expired);
        nock(BASE)
          .post(
            '/oauth/2026-03/token',
            (b: Record<string, string>) => b.grant_type === 'refresh_token' && b.refresh_token === 'rt',
          )
          .reply(200, () => {
            refreshed = true;
            return { access_token: 'new-token', refresh_token: 'rt2', expires_in: 1800 };
          });
        nock(BASE).post('/crm/objects/2026-03/contacts/batch/read').reply(401, expired);
      }
    },
    refreshed: () => refreshed,
  };
}

function makeConnector(): HubspotConnector {
  const client = new HubspotClient({
    connectionId: 'hs-test',
    baseUrl: BASE,
    auth: {
      type: 'oauth',
      clientId: 'cid',
      clientSecret: 'secret',
      refreshToken: 'rt',
      accessToken: 'old-token',
    },
    gate: UNLIMITED_GATE,
    now: () => NOW,
  });
  return new HubspotConnector(client, { now: () => NOW, properties: { contacts: ['email', 'ps_note'] } });
}

runConformance('HubspotConnector (nock)', async () => ({
  connector: makeConnector(),
  driver: hubspotDriver(),
}));

describe('HubspotConnector call counts batching weighs', () => {
  it('prices a write at one batch call per 100 records', () => {
    const connector = makeConnector();
    expect([1, 100, 101, 2_000].map((n) => connector.writeCalls('contacts', n))).toEqual([1, 1, 2, 20]);
  });
});

describe('HubspotConnector change listing past the 10,000-result search cap', () => {
  it('returns all 25,000 records modified in one window, 12,000 of them at the same millisecond', async () => {
    const data = Array.from({ length: 25_000 }, (_v, i) => ({
      id: 5_000_000 + i,
      modified: i < 12_000 ? MODIFIED : MODIFIED + (i % 977) + 1,
    }));
    const search = fakeSearch(BASE, 'contacts', data);
    nock(BASE)
      .get('/crm/objects/2026-03/contacts')
      .query({ archived: 'true', limit: '100' })
      .reply(200, { results: [] });
    const ids = new Set<string>();
    let total = 0;
    for await (const page of makeConnector().listChanges('contacts', null, {
      signal: new AbortController().signal,
    })) {
      for (const r of page.records) ids.add(r.id);
      total += page.records.length;
    }
    expect(ids.size).toBe(25_000);
    expect(total).toBe(25_000);
    // 125 pages minimum; restarts at the cap cost about 100 more (226 measured).
    expect(search.requests()).toBeLessThan(300);
    nock.cleanAll();
  });
});

describe('HubspotConnector upserts', () => {
  it('upserts by a unique property, 100 per call, reading `new`', async () => {
    let calls = 0;
    nock(BASE)
      .post('/crm/objects/2026-03/2-123/batch/upsert')
      .times(2)
      .reply(200, (_u, raw) => {
        calls += 1;
        const { inputs } = raw as { inputs: { id: string; idProperty: string }[] };
        return {
          status: 'COMPLETE',
          results: inputs.map((x, i) => ({
            id: String(9000 + i),
            properties: { [x.idProperty]: x.id },
            new: i % 2 === 0,
          })),
        };
      });
    const rows = Array.from({ length: 150 }, (_v, i) => ({
      key: `k-${i}`,
      fields: { ps_role: 'Sourced', ps_credit_percent: 100 },
    }));
    const res = await makeConnector().upsertByExternalKey('2-123', 'ps_external_key', rows, {
      signal: new AbortController().signal,
    });
    expect(calls).toBe(2);
    expect(res).toHaveLength(150);
    expect(res.every((r) => r.status === 'ok')).toBe(true);
    expect(res[100]).toMatchObject({ index: 100, created: true });
  });
});
