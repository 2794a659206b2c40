import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { UNLIMITED_GATE } from '../../../connectors/rate-budget.js';
import { SalesforceClient } from '../../../connectors/salesforce/client.js';
import { SalesforceConnector } from '../../../connectors/salesforce/connector.js';
import type { ConformanceDriver } from '../conformance.js';
import { runConformance } from '../conformance.js';

const INSTANCE = 'https://acme.my.salesforce.example';
const LOGIN = 'https://login.salesforce.example';
const V = '/services/data/v62.0';
const NOW = Date.parse('2024-06-01T00:00:00Z');

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
      nock(INSTANCE)
        .get(`${V}/queryAll`)
        .query(
          (q) =>
            typeof q.q === 'string' &&
            q.q.includes('FROM Lead') &&
            q.q.includes('ORDER BY SystemModstamp ASC, Id ASC'),
        )
        .reply(200, {
          totalSize: all.length,
          done: false,
          nextRecordsUrl: `${V}/query/01gxx000000NEXT001-200`,
          records: all.slice(0, 200),
        });
      nock(INSTANCE)
        .get(`${V}/query/01gxx000000NEXT001-200`)
        .reply(200, { totalSize: all.length, done: true, records: all.slice(200) });
      return deleted;
    },
    async updates(_ids, failAt) {
      let calls = 0;
      // Lead updates first ask which of the ids are converted leads (none here): 200 ids do not fit
      // a short URI, so those go in a Composite body; the last 50 fit a GET.
      nock(INSTANCE)
        .get((uri) => uri.startsWith(`${V}/query?q=`) && uri.includes('IsConverted'))
        .reply(200, { totalSize: 0, done: true, records: [] });
      nock(INSTANCE)
        .post(`${V}/composite`)
        .times(2)
        .reply(200, (_uri, body) => {
          const sub = (body as { compositeRequest: { url: string }[] }).compositeRequest[0];
          expect(decodeURIComponent(sub?.url ?? '')).toMatch(
            /FROM Lead WHERE IsConverted = true AND Id IN \(/,
          );
          return {
            compositeResponse: [
              {
                body: { totalSize: 0, done: true, records: [] },
                httpHeaders: {},
                httpStatusCode: 200,
                referenceId: 'page',
              },
            ],
          };
        });
      nock(INSTANCE)
        .patch(`${V}/composite/sobjects`)
        .times(3)
        .reply(200, (_uri, body) => {
          calls += 1;
          const { records, allOrNone } = body as { allOrNone: boolean; records: { Id: string }[] };
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
        });
      return () => calls;
    },
    async readFails(kind) {
      const scope = nock(INSTANCE).post(`${V}/composite/sobjects/Lead`);
      if (kind === 'rate_limit')
        scope.reply(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
      if (kind === 'server_error')
        scope.reply(503, [{ message: 'Server unavailable', errorCode: 'SERVER_UNAVAILABLE' }]);
      if (kind === 'hang') scope.delay(2_000).reply(200, []);
      if (kind === 'unauthorized') {
        scope.reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
        nock(LOGIN)
          .post('/services/oauth2/token', (b: Record<string, string>) => b.grant_type === 'refresh_token')
          .reply(200, () => {
            refreshed = true;
            return { access_token: '00Dxx!new', instance_url: INSTANCE, token_type: 'Bearer' };
          });
        nock(INSTANCE)
          .post(`${V}/composite/sobjects/Lead`)
          .reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
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

describe('SalesforceConnector specifics', () => {
  it('upserts by external id with one PATCH per 200 rows and reads created flags', async () => {
    let calls = 0;
    nock(INSTANCE)
      .patch(`${V}/composite/sobjects/PS_Partner_Attribution__c/External_Key__c`)
      .times(2)
      .reply(200, (_u, body) => {
        calls += 1;
        const { records } = body as { records: { External_Key__c: string }[] };
        return records.map((r, i) => ({
          id: `a01xx${String(i).padStart(13, '0')}`,
          success: true,
          created: r.External_Key__c.endsWith('0'),
          errors: [],
        }));
      });
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
    nock(INSTANCE)
      .get(`${V}/queryAll`)
      .query(true)
      .reply(200, {
        totalSize: 1,
        done: true,
        records: [{ ...record(sfId(5), true), MasterRecordId: sfId(1) }],
      });
    const pages = [];
    for await (const p of makeConnector().listChanges('Lead', null, { signal: new AbortController().signal }))
      pages.push(p);
    expect(pages[0]?.merges).toEqual([
      { objectType: 'Lead', survivorId: sfId(1), mergedIds: [sfId(5)], mergedAt: '2024-05-01T10:00:00.000Z' },
    ]);
  });

  it('exposes Sforce-Limit-Info api usage', async () => {
    nock(INSTANCE)
      .post(`${V}/composite/sobjects/Lead`)
      .reply(200, [record(sfId(1))], { 'Sforce-Limit-Info': 'api-usage=18/5000' });
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
    nock(INSTANCE)
      .patch(`${V}/composite/sobjects`)
      .times(4)
      .reply(200, (_u, body) => {
        const { records } = body as { records: { Id: string }[] };
        sizes.push(records.length);
        return records.map((r) => ({ id: r.Id, success: true, errors: [] }));
      });
    const recs = Array.from({ length: 450 }, (_v, i) => ({ Id: sfId(i), LastName: 'x' }));
    await conn.sobject('Lead').update(recs, { allowRecursive: true });
    expect(sizes).toEqual([200, 200, 50]);
    await conn.sobject('Lead').update(recs);
    expect(sizes.slice(3)).toEqual([450]);
  });
});
