import { Connection } from 'jsforce';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminActor } from '../../../connectors/sandbox/salesforce/org.js';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/sandbox/start-sandboxes.js';

const VERSION = '60.0';
let sb: SalesforceSandbox;
let conn: Connection;

beforeEach(async () => {
  sb = await startSalesforceSandbox({ seed: true });
  conn = new Connection({ instanceUrl: sb.url, accessToken: sb.credentials.accessToken, version: VERSION });
});
afterEach(async () => {
  await sb.close();
});

function addLeads(n: number): void {
  for (let i = 0; i < n; i += 1)
    sb.store.create('Lead', { LastName: `Bulk ${i}`, Company: `Co ${i % 50}` }, adminActor);
}

/** Grants through the REST API what the Tooling API created, as an admin (or `provision`) does. */
async function grant(objects: readonly string[], fields: readonly string[]): Promise<void> {
  const ps = await conn.sobject('PermissionSet').create({ Name: 'Test_Grants', Label: 'Test Grants' });
  const parent = ps.id ?? '';
  for (const o of objects)
    expect(
      await conn.sobject('ObjectPermissions').create({
        ParentId: parent,
        SobjectType: o,
        PermissionsRead: true,
        PermissionsCreate: true,
        PermissionsEdit: true,
      }),
    ).toMatchObject({ success: true });
  for (const f of fields)
    expect(
      await conn.sobject('FieldPermissions').create({
        ParentId: parent,
        SobjectType: f.split('.')[0],
        Field: f,
        PermissionsRead: true,
        PermissionsEdit: true,
      }),
    ).toMatchObject({ success: true });
  const me = await conn.request<{ user_id: string }>('/services/oauth2/userinfo');
  await conn.sobject('PermissionSetAssignment').create({ PermissionSetId: parent, AssigneeId: me.user_id });
}

describe('Salesforce sandbox driven by the real jsforce', () => {
  it('pages a query across 2000+ records through nextRecordsUrl', async () => {
    addLeads(2300);
    const first = await conn.query<{ Id: string }>("SELECT Id, Name FROM Lead WHERE Company LIKE 'Co %'");
    expect(first.records).toHaveLength(2000);
    expect(first.done).toBe(false);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v60\.0\/query\/01g\w+-2000$/);
    const all = await conn.query<{ Id: string }>("SELECT Id FROM Lead WHERE Company LIKE 'Co %'", {
      autoFetch: true,
      maxFetch: 10_000,
    });
    expect(all.records).toHaveLength(2300);
    expect(sb.counters.get('GET /services/data/:version/query/:locator')).toBe(1);
    expect(sb.counters.get('GET /services/data/:version/query')).toBe(2);
  });

  it('honours Sforce-Query-Options batchSize', async () => {
    addLeads(500);
    const page = await conn.request<{ records: unknown[]; nextRecordsUrl?: string }>({
      method: 'GET',
      url: `/services/data/v${VERSION}/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`,
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    expect(page.records).toHaveLength(200);
    expect(page.nextRecordsUrl).toMatch(/-200$/);
  });

  it('shows deleted records to queryAll only, with IsDeleted and SystemModstamp windows', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const created = await conn.sobject('Lead').create({ LastName: 'Gone', Company: 'Recycle Bin Ltd' });
    await conn.sobject('Lead').destroy(created.id ?? '');
    const soql = `SELECT Id, IsDeleted FROM Lead WHERE Company = 'recycle bin ltd' AND SystemModstamp >= ${since}`;
    expect((await conn.query(soql)).totalSize).toBe(0);
    const all = await conn.query<{ Id: string; IsDeleted: boolean }>(soql, { scanAll: true });
    expect(all.records).toEqual([expect.objectContaining({ Id: created.id, IsDeleted: true })]);
  });

  it('updates 200 records with sObject Collections in one HTTP request, and 450 in three with allowRecursive', async () => {
    addLeads(450);
    const ids = sb.store
      .list('Lead')
      .filter((r) => String(r.fields['LastName']).startsWith('Bulk'))
      .map((r) => r.id);
    sb.counters.reset();
    const res200 = await conn.update(
      'Lead',
      ids.slice(0, 200).map((Id) => ({ Id, Title: 'VP' })),
    );
    expect(res200.every((r) => r.success)).toBe(true);
    expect(sb.counters.total()).toBe(1);
    sb.counters.reset();
    const res450 = await conn.update(
      'Lead',
      ids.map((Id) => ({ Id, Title: 'CTO' })),
      { allowRecursive: true },
    );
    expect(res450).toHaveLength(450);
    expect(sb.counters.get('PATCH /services/data/:version/composite/sobjects')).toBe(3);
    expect(sb.counters.total()).toBe(3);
  });

  it('reports per-record errors in input order and rolls back everything with allOrNone', async () => {
    const partial = await conn.create('Lead', [
      { LastName: 'Ok', Company: 'A' },
      { LastName: 'NoCompany' },
      { LastName: 'Ok2', Company: 'B', Bogus__c: 1 },
    ]);
    expect(partial.map((r) => r.success)).toEqual([true, false, false]);
    expect(partial[1]).toMatchObject({
      errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] }],
    });
    expect(partial[2]).toMatchObject({ errors: [{ statusCode: 'INVALID_FIELD' }] });
    const before = sb.store.count('Lead');
    const all = await conn.create('Lead', [{ LastName: 'Ok', Company: 'A' }, { LastName: 'NoCompany' }], {
      allOrNone: true,
    });
    expect(all[0]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }],
    });
    expect(sb.store.count('Lead')).toBe(before);
  });

  it('provisions a custom field through the Tooling API, shows it in describe, and upserts by it', async () => {
    const created = await conn.tooling.create('CustomField', {
      FullName: 'Lead.PS_External_Key__c',
      Metadata: { label: 'PS External Key', type: 'Text', length: 80, externalId: true, unique: true },
    });
    expect(created).toMatchObject({ success: true, id: expect.stringMatching(/^00N/) });
    // No field-level security yet: invisible to describe, SOQL and writes.
    expect((await conn.describe('Lead')).fields.map((f) => f.name)).not.toContain('PS_External_Key__c');
    await expect(conn.query('SELECT PS_External_Key__c FROM Lead')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
    await expect(
      conn.sobject('Lead').create({ PS_External_Key__c: 'k-0', LastName: 'No', Company: 'Grant' }),
    ).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await grant([], ['Lead.PS_External_Key__c']);
    const describe = await conn.describe('Lead');
    expect(describe.fields.find((f) => f.name === 'PS_External_Key__c')).toMatchObject({
      externalId: true,
      unique: true,
      custom: true,
    });
    const listed = await conn.tooling.query<{ DeveloperName: string }>(
      "SELECT Id, DeveloperName FROM CustomField WHERE TableEnumOrId = 'Lead'",
    );
    expect(listed.records.map((r) => r.DeveloperName)).toContain('PS_External_Key');
    await expect(
      conn.tooling.create('CustomField', {
        FullName: 'Lead.PS_External_Key__c',
        Metadata: { label: 'x', type: 'Text', length: 80 },
      }),
    ).rejects.toMatchObject({ errorCode: 'DUPLICATE_DEVELOPER_NAME' });

    const first = await conn
      .sobject('Lead')
      .upsert({ PS_External_Key__c: 'k-1', LastName: 'Upsert', Company: 'U' }, 'PS_External_Key__c');
    expect(first).toMatchObject({ success: true, created: true });
    const second = await conn
      .sobject('Lead')
      .upsert({ PS_External_Key__c: 'k-1', Title: 'Changed' }, 'PS_External_Key__c');
    expect(second).toMatchObject({ success: true, created: false, id: first.id });
    const many = await conn.upsert(
      'Lead',
      [
        { PS_External_Key__c: 'k-1', Title: 'Again' },
        { PS_External_Key__c: 'k-2', LastName: 'New', Company: 'N' },
      ],
      'PS_External_Key__c',
    );
    expect(many.map((r) => r.created)).toEqual([false, true]);
  });

  it('refuses a value outside a restricted picklist, per record', async () => {
    await conn.tooling.create('CustomField', {
      FullName: 'Lead.PS_Tier__c',
      Metadata: {
        label: 'Tier',
        type: 'Picklist',
        valueSet: { restricted: true, valueSetDefinition: { value: [{ fullName: 'Gold' }] } },
      },
    });
    await grant([], ['Lead.PS_Tier__c']);
    const res = await conn.create('Lead', [
      { LastName: 'A', Company: 'A', PS_Tier__c: 'Gold' },
      { LastName: 'B', Company: 'B', PS_Tier__c: 'Tin' },
    ]);
    expect(res[0]).toMatchObject({ success: true });
    expect(res[1]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['PS_Tier__c'] }],
    });
  });

  it('shows merge losers to queryAll with MasterRecordId, and refuses edits to converted leads', async () => {
    const a = sb.store.create('Lead', { LastName: 'Master', Company: 'M' }, adminActor).id;
    const b = sb.store.create('Lead', { LastName: 'Loser', Company: 'M' }, adminActor).id;
    sb.org.merge('Lead', a, [b], adminActor);
    const soql = `SELECT Id, IsDeleted, MasterRecordId FROM Lead WHERE Id = '${b}'`;
    expect((await conn.query(soql)).totalSize).toBe(0);
    expect((await conn.query(soql, { scanAll: true })).records).toEqual([
      expect.objectContaining({ Id: b, IsDeleted: true, MasterRecordId: a }),
    ]);
    const { contactId } = sb.org.convertLead(a, adminActor);
    const lead = await conn.sobject('Lead').retrieve(a);
    expect(lead).toMatchObject({ IsConverted: true, ConvertedContactId: contactId });
    const res = await conn.update('Lead', [{ Id: a, Title: 'Changed' }]);
    expect(res[0]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'CANNOT_UPDATE_CONVERTED_LEAD', message: 'cannot reference converted lead' }],
    });
  });

  it('creates a custom object through the Tooling API with an a0-prefixed key', async () => {
    const res = await conn.tooling.create('CustomObject', {
      FullName: 'PS_Partner_Attribution__c',
      Metadata: {
        label: 'Partner Attribution',
        pluralLabel: 'Partner Attributions',
        nameField: { label: 'Name', type: 'AutoNumber' },
        deploymentStatus: 'Deployed',
        sharingModel: 'ReadWrite',
      },
    });
    expect(res.success).toBe(true);
    await expect(conn.describe('PS_Partner_Attribution__c')).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
    expect((await conn.describeGlobal()).sobjects.map((o) => o.name)).not.toContain(
      'PS_Partner_Attribution__c',
    );
    await grant(['PS_Partner_Attribution__c'], []);
    const global = await conn.describeGlobal();
    const obj = global.sobjects.find((o) => o.name === 'PS_Partner_Attribution__c');
    expect(obj?.keyPrefix).toMatch(/^a0[A-Za-z0-9]$/);
    const rec = await conn.sobject('PS_Partner_Attribution__c').create({});
    expect(rec.id?.slice(0, 3)).toBe(obj?.keyPrefix);
  });

  it('round-trips a Bulk API 2.0 ingest and query job', async () => {
    const csv = 'LastName,Company,Email\nBulkOne,Bulk Co,one@bulk.example\nBulkTwo,,two@bulk.example\n';
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Lead',
      operation: 'insert',
      input: csv,
      pollInterval: 20,
      pollTimeout: 5000,
    });
    expect(results.successfulResults).toHaveLength(1);
    expect(results.successfulResults[0]).toMatchObject({ sf__Created: 'true', LastName: 'BulkOne' });
    expect(results.failedResults[0]).toMatchObject({
      LastName: 'BulkTwo',
      sf__Error: expect.stringContaining('REQUIRED_FIELD_MISSING'),
    });
    const rows = await (
      await conn.bulk2.query("SELECT Id, LastName FROM Lead WHERE Company = 'Bulk Co'", {
        pollInterval: 20,
        pollTimeout: 5000,
      })
    ).toArray();
    expect(rows).toEqual([expect.objectContaining({ LastName: 'BulkOne' })]);
  });

  it('answers INVALID_SESSION_ID for an expired token and jsforce refreshes through the OAuth endpoint', async () => {
    const c = sb.credentials;
    const oauthConn = new Connection({
      oauth2: { clientId: c.clientId, clientSecret: c.clientSecret, loginUrl: sb.url },
      instanceUrl: sb.url,
      accessToken: c.accessToken,
      refreshToken: c.refreshToken,
      version: VERSION,
    });
    const refreshed: string[] = [];
    oauthConn.on('refresh', (token: string) => refreshed.push(token));
    sb.auth.expireAll();
    const raw = await fetch(`${sb.url}/services/data/v${VERSION}/limits`, {
      headers: { authorization: `Bearer ${c.accessToken}` },
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    const res = await oauthConn.query('SELECT Id FROM Account LIMIT 1');
    expect(res.totalSize).toBe(1);
    expect(refreshed).toHaveLength(1);
    expect(sb.counters.get('POST /services/oauth2/token')).toBe(1);
  });

  it('reports Sforce-Limit-Info and answers 403 REQUEST_LIMIT_EXCEEDED past the daily quota', async () => {
    sb.quota.setUsed(sb.quota.limit - 1);
    const auth = { authorization: `Bearer ${sb.credentials.accessToken}` };
    const ok = await fetch(`${sb.url}/services/data/v${VERSION}/limits`, { headers: auth });
    expect(ok.headers.get('sforce-limit-info')).toBe(`api-usage=${sb.quota.limit}/${sb.quota.limit}`);
    const over = await fetch(`${sb.url}/services/data/v${VERSION}/limits`, { headers: auth });
    expect(over.status).toBe(403);
    expect(await over.json()).toEqual([
      { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
  });

  it('injects a 503 that jsforce does not retry for a POST', async () => {
    sb.faults.failNext('serverError');
    await expect(conn.sobject('Lead').create({ LastName: 'X', Company: 'Y' })).rejects.toMatchObject({
      errorCode: 'SERVER_UNAVAILABLE',
    });
    expect(sb.counters.snapshot().faulted).toBe(1);
  });
});
