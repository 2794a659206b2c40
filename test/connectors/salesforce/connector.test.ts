import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { UNLIMITED_GATE } from '../../../connectors/rate-budget.js';
import { SalesforceClient } from '../../../connectors/salesforce/client.js';
import { SalesforceConnector } from '../../../connectors/salesforce/connector.js';
import type { ConformanceDriver } from '../conformance.js';
import { runConformance } from '../conformance.js';
import { JSON_REPLY, queryOf, requestJson, useJsforceMock } from '../../helpers/jsforce-mock.js';

const INSTANCE = 'https://acme.my.salesforce.example';
const LOGIN = 'https://login.salesforce.example';
const V = '/services/data/v62.0';
const NOW = Date.parse('2024-06-01T00:00:00Z');
const mock = useJsforceMock();
const sf = () => mock().get(INSTANCE);

const sfId = (i: number): string => `00Qxx${String(i).padStart(13, '0')}`;
const record = (id: string, deleted = false) => ({
  attributes: { type: 'Lead', url: `${V}/sobjects/Lead/${id}` },
  Id: id,
  LastName: 'Example',
  SystemModstamp: '2024-05-01T10:00:00.000+0000',
  IsDeleted: deleted,
});

function salesforceDriver(): ConformanceDriver {
  let refreshed = false;
  return {
    batchSize: 200,
    objectType: 'Lead',
    textField: 'ps_note',
    listSize: 407,
    ids: async (n) => Array.from({ length: n }, (_v, i) => sfId(i)),
    async changes(upserts, deletes) {
      const deleted = Array.from({ length: deletes }, (_v, i) => sfId(i).replace(/.$/, 'X'));
      const all = [
        ...Array.from({ length: upserts }, (_v, i) => record(sfId(i))),
        ...deleted.map((id) => record(id, true)),
      ];
      // https://developer.salesforce.com/docs/platform/api-rest/guide/resources-query.html — 2 pages
      sf()
        .intercept({
          method: 'GET',
          path: (p) => {
            const q = queryOf(p)['q'] ?? '';
            return (
              p.startsWith(`${V}/queryAll?`) &&
              q.includes('FROM Lead') &&
              q.includes('ORDER BY SystemModstamp ASC, Id ASC')
            );
          },
        })
        .reply(
          200,
          {
            totalSize: all.length,
            done: false,
            nextRecordsUrl: `${V}/query/01gxx000000NEXT001-200`,
            records: all.slice(0, 200),
          },
          JSON_REPLY,
        );
      sf()
        .intercept({ method: 'GET', path: `${V}/query/01gxx000000NEXT001-200` })
        .reply(200, { totalSize: all.length, done: true, records: all.slice(200) }, JSON_REPLY);
      return deleted;
    },
    async updates(_ids, failAt) {
      let calls = 0;
      sf()
        .intercept({ method: 'PATCH', path: `${V}/composite/sobjects` })
        .reply(
          200,
          async ({ body }) => {
            calls += 1;
            const { records, allOrNone } = (await requestJson(body)) as {
              allOrNone: boolean;
              records: { Id: string }[];
            };
            if (allOrNone || records.length > 200) return [{ message: 'bad', errorCode: 'INVALID_BATCH' }];
            return records.map((r) =>
              failAt.includes(Number(r.Id.slice(5)))
                ? {
                    id: r.Id,
                    success: false,
                    errors: [
                      {
                        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                        message: 'no ACME accounts',
                        fields: ['ps_note'],
                      },
                    ],
                  }
                : { id: r.Id, success: true, errors: [] },
            );
          },
          JSON_REPLY,
        )
        .times(3);
      return () => calls;
    },
    async readFails(kind) {
      const scope = sf().intercept({ method: 'POST', path: `${V}/composite/sobjects/Lead` });
      if (kind === 'rate_limit')
        scope.reply(
          403,
          [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
          JSON_REPLY,
        );
      if (kind === 'server_error')
        scope.reply(503, [{ message: 'Server unavailable', errorCode: 'SERVER_UNAVAILABLE' }], JSON_REPLY);
      if (kind === 'hang') scope.reply(200, [], JSON_REPLY).delay(2_000);
      if (kind === 'unauthorized') {
        const expired = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
        scope.reply(401, expired, JSON_REPLY);
        // Our token request goes through global fetch (connectors/salesforce/auth.ts), which nock sees.
        nock(LOGIN)
          .post('/services/oauth2/token', (b: Record<string, string>) => b.grant_type === 'refresh_token')
          .reply(200, () => {
            refreshed = true;
            return { access_token: '00Dxx!new', instance_url: INSTANCE, token_type: 'Bearer' };
          });
        sf()
          .intercept({ method: 'POST', path: `${V}/composite/sobjects/Lead` })
          .reply(401, expired, JSON_REPLY);
      }
    },
    refreshed: () => refreshed,
  };
}

function makeConnector(): SalesforceConnector {
  const client = new SalesforceClient({
    connectionId: 'sf-test',
    loginUrl: LOGIN,
    apiVersion: '62.0',
    auth: {
      type: 'refresh_token',
      clientId: 'cid',
      refreshToken: 'rt',
      accessToken: '00Dxx!old',
      instanceUrl: INSTANCE,
    },
    gate: UNLIMITED_GATE,
    now: () => NOW,
    refreshCooldownMs: 60_000,
  });
  return new SalesforceConnector(client, {
    now: () => NOW,
    fields: { Lead: ['Id', 'LastName', 'SystemModstamp', 'IsDeleted'] },
  });
}

runConformance('SalesforceConnector (nock)', async () => ({
  connector: makeConnector(),
  driver: salesforceDriver(),
}));

describe('SalesforceConnector call counts batching weighs', () => {
  it('prices a write at one collection call per 200 records, Leads too (no conversion check ahead)', () => {
    const connector = makeConnector();
    expect([1, 200, 201].map((n) => connector.writeCalls('Contact', n))).toEqual([1, 1, 2]);
    expect([1, 200, 201].map((n) => connector.writeCalls('Lead', n))).toEqual([1, 1, 2]);
  });
});

describe('SalesforceConnector specifics', () => {
  it('upserts by external id with one PATCH per 200 rows and reads created flags', async () => {
    let calls = 0;
    sf()
      .intercept({
        method: 'PATCH',
        path: `${V}/composite/sobjects/PS_Partner_Attribution__c/External_Key__c`,
      })
      .reply(
        200,
        async ({ body }) => {
          calls += 1;
          const { records } = (await requestJson(body)) as { records: { External_Key__c: string }[] };
          return records.map((r, i) => ({
            id: `a01xx${String(i).padStart(13, '0')}`,
            success: true,
            created: r.External_Key__c.endsWith('0'),
            errors: [],
          }));
        },
        JSON_REPLY,
      )
      .times(2);
    const rows = Array.from({ length: 250 }, (_v, i) => ({
      key: `opp-1:partner-${i}`,
      fields: { Role__c: 'Influenced' },
    }));
    const res = await makeConnector().upsertByExternalKey(
      'PS_Partner_Attribution__c',
      'External_Key__c',
      rows,
      { signal: new AbortController().signal },
    );
    expect(calls).toBe(2);
    expect(res).toHaveLength(250);
    expect(res[10]).toMatchObject({ status: 'ok', index: 10, created: true });
    expect(res[249]).toMatchObject({ index: 249 });
  });

  it('reports a merged Lead (deleted with MasterRecordId) as a merge', async () => {
    sf()
      .intercept({ method: 'GET', path: (p) => p.startsWith(`${V}/queryAll?`) })
      .reply(
        200,
        { totalSize: 1, done: true, records: [{ ...record(sfId(5), true), MasterRecordId: sfId(1) }] },
        JSON_REPLY,
      );
    const pages = [];
    for await (const p of makeConnector().listChanges('Lead', null, { signal: new AbortController().signal }))
      pages.push(p);
    expect(pages[0]?.merges).toEqual([
      { objectType: 'Lead', survivorId: sfId(1), mergedIds: [sfId(5)], mergedAt: '2024-05-01T10:00:00.000Z' },
    ]);
  });

  it('exposes Sforce-Limit-Info api usage', async () => {
    sf()
      .intercept({ method: 'POST', path: `${V}/composite/sobjects/Lead` })
      .reply(200, [record(sfId(1))], {
        headers: { ...JSON_REPLY.headers, 'sforce-limit-info': 'api-usage=18/5000' },
      });
    const connector = makeConnector();
    expect(
      await connector.readBatch('Lead', [sfId(1)], { signal: new AbortController().signal }),
    ).toHaveLength(1);
    expect(connector.apiUsage()).toMatchObject({ used: 18, limit: 5000 });
  });
});

describe('jsforce array DML request count (finding)', () => {
  it('makes one /composite/sobjects call per 200 records only with allowRecursive; otherwise one oversized call', async () => {
    const { Connection } = await import('jsforce');
    const conn = new Connection({ instanceUrl: INSTANCE, accessToken: 'tok', version: '62.0' });
    const sizes: number[] = [];
    sf()
      .intercept({ method: 'PATCH', path: `${V}/composite/sobjects` })
      .reply(
        200,
        async ({ body }) => {
          const { records } = (await requestJson(body)) as { records: { Id: string }[] };
          sizes.push(records.length);
          return records.map((r) => ({ id: r.Id, success: true, errors: [] }));
        },
        JSON_REPLY,
      )
      .times(4);
    const recs = Array.from({ length: 450 }, (_v, i) => ({ Id: sfId(i), LastName: 'x' }));
    await conn.sobject('Lead').update(recs, { allowRecursive: true });
    expect(sizes).toEqual([200, 200, 50]);
    await conn.sobject('Lead').update(recs);
    expect(sizes.slice(3)).toEqual([450]);
  });
});
