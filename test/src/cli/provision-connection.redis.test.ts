import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAgainstSchema } from '../../../mappings/check-against-schema.js';
import { defaultMappingPath, loadMappingFile } from '../../../mappings/load-mapping-file.js';
import { mappingObjects } from '../../../src/admin/describe-for-mapping.js';
import { ConnectionConfig } from '../../../connectors/connection-config.js';
import {
  startHubspotSandbox,
  startSalesforceSandbox,
  type HubspotSandbox,
  type SalesforceSandbox,
} from '../../../connectors/sandbox/start-sandboxes.js';
import type { RetryOptions } from '../../../connectors/with-retries.js';
import { retryLine } from '../../../src/cli/cli-retry.js';
import { provisionConnection } from '../../../src/cli/provision-connection.js';
import { CrmAuthError } from '../../../src/core/errors/index.js';
import { createLogger } from '../../../src/core/logger.js';
import { createKeySpace } from '../../../src/store/keys.js';
import { runCli } from '../../helpers/cli.js';
import { TEST_REDIS_URL, testPrefix, workerRedis } from '../../helpers/redis.js';
import { assertNoLegacyHubspotCalls } from '../../helpers/legacy-hubspot.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * Removes the keys a provisioning run writes: only the connection's rate budget (bucket, pause,
 * daily counter). Named, not SCANned: the shared Redis may hold many unrelated keys.
 */
function dropBudget(prefix: string, connectionId: string): void {
  cleanups.push(async () => {
    const base = createKeySpace(prefix).connection(connectionId, 'budget');
    const days = [-1, 0, 1].map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10));
    const redis = workerRedis();
    await redis.del(
      `${base}:bucket:default`,
      `${base}:bucket:search`,
      `${base}:pause`,
      ...days.map((d) => `${base}:daily:${d}`),
    );
    redis.disconnect();
  });
}

async function salesforce(): Promise<SalesforceSandbox> {
  const sb = await startSalesforceSandbox();
  cleanups.push(() => sb.close());
  return sb;
}

async function hubspot(customObjects = true): Promise<HubspotSandbox> {
  const sb = await startHubspotSandbox({ customObjects, rateLimits: { tenSecondly: 10_000 } });
  cleanups.push(async () => {
    await sb.close();
    assertNoLegacyHubspotCalls(sb);
  });
  return sb;
}

const sfConfig = (sb: SalesforceSandbox, accessToken = sb.credentials.accessToken) =>
  ConnectionConfig.parse({
    id: 'sf-main',
    provider: 'salesforce',
    loginUrl: sb.url,
    auth: { type: 'access_token', accessToken, instanceUrl: sb.url },
    limits: { perSecond: 1_000 },
  });
const hsConfig = (sb: HubspotSandbox, accessToken = sb.credentials.accessToken) =>
  ConnectionConfig.parse({
    id: 'hs-main',
    provider: 'hubspot',
    baseUrl: sb.url,
    auth: { type: 'private_app', accessToken },
    limits: { burstPer10s: 10_000 },
  });

function run(
  configs: ConnectionConfig[],
  connectionId: string,
  extra: { dryRun?: boolean; emitMetadata?: string; retry?: RetryOptions } = {},
) {
  const prefix = testPrefix();
  const lines: string[] = [];
  dropBudget(prefix, connectionId);
  return {
    lines,
    report: provisionConnection({
      configs,
      connectionId,
      dryRun: extra.dryRun ?? false,
      emitMetadata: extra.emitMetadata,
      redis: TEST_REDIS_URL,
      autostartRedis: false,
      keys: createKeySpace(prefix),
      log: createLogger({ level: 'silent' }),
      out: (l) => lines.push(l),
      ...(extra.retry === undefined ? {} : { retry: extra.retry }),
    }),
  };
}

describe('partnersync provision', () => {
  it.each(['salesforce', 'hubspot'] as const)(
    '%s: completes in one run with one call in ten failing from the first (429 with Retry-After, 5xx, hung connections)',
    { timeout: 120_000 },
    async (provider) => {
      const faults = {
        seed: provider === 'salesforce' ? 11 : 12,
        rateLimitRate: 0.03,
        serverErrorRate: 0.04,
        timeoutRate: 0.03,
        timeoutMs: 2_000,
      };
      const hs =
        provider === 'hubspot'
          ? await startHubspotSandbox({ rateLimits: { tenSecondly: 10_000 }, faults })
          : undefined;
      const sf = provider === 'salesforce' ? await startSalesforceSandbox({ faults }) : undefined;
      cleanups.push(async () => {
        await hs?.close();
        await sf?.close();
      });
      const base = sf !== undefined ? sfConfig(sf) : hsConfig(hs ?? (await hubspot()));
      // A hung connection becomes a transient error at the call deadline.
      const config = ConnectionConfig.parse({ ...base, limits: { ...base.limits, timeoutMs: 500 } });
      const retries: string[] = [];
      const { report } = run([config], config.id, {
        retry: {
          baseMs: 10,
          capMs: 100,
          onRetry: (i) => retries.push(retryLine(i)),
          sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))),
        },
      });
      const done = await report;
      expect(done?.items.filter((i) => i.status === 'failed')).toEqual([]);
      expect(done?.items.length).toBeGreaterThan(20);
      const injected = (hs ?? sf)?.faults.injected ?? 0;
      expect(injected).toBeGreaterThan(0);
      expect(retries.length).toBeGreaterThanOrEqual(injected);
      expect(retries[0]).toMatch(new RegExp(`^${config.id}: retrying (HubSpot|Salesforce) `));
      // Everything exists: a second run (no faults) creates nothing.
      (hs ?? sf)?.faults.clear();
      const again = await run([config], config.id).report;
      expect(again?.items.filter((i) => i.status !== 'existed')).toEqual([]);
    },
  );

  it.each(['salesforce', 'hubspot'] as const)(
    '%s: a dry run lists what it would create, a real run creates it, a second run creates nothing',
    async (provider) => {
      const config = provider === 'salesforce' ? sfConfig(await salesforce()) : hsConfig(await hubspot());
      const dry = run([config], config.id, { dryRun: true });
      expect((await dry.report)?.items.every((i) => i.status === 'would_create')).toBe(true);
      expect(dry.lines.join('\n')).toMatch(/would create +field +\S+ps_duplicate_status/i);
      const first = await run([config], config.id).report;
      expect(first?.items.filter((i) => i.status !== 'created')).toEqual([]);
      const second = run([config], config.id);
      expect((await second.report)?.items.filter((i) => i.status !== 'existed')).toEqual([]);
      expect(second.lines.at(-1)).toMatch(/^ +\d+ exists$/);
    },
  );

  it('Salesforce: provision on a fresh org leaves every mapped field readable and writable by the integration user', async () => {
    const sb = await salesforce();
    const report = await run([sfConfig(sb)], 'sf-main').report;
    expect(report?.items.filter((i) => i.status === 'failed')).toEqual([]);
    expect(report?.items).toContainEqual(
      expect.objectContaining({ name: 'PermissionSet PartnerSync_Integration', status: 'created' }),
    );
    // As the integration user (the token provision used): describe, SOQL and writes on what it made.
    const conn = new Connection({
      instanceUrl: sb.url,
      accessToken: sb.credentials.accessToken,
      version: '62.0',
    });
    const mapping = loadMappingFile(defaultMappingPath('salesforce'));
    const describe = Object.fromEntries(
      await Promise.all(
        mappingObjects(mapping).map(async (o) => [o, (await conn.describe(o)).fields] as const),
      ),
    );
    const plain = Object.fromEntries(
      Object.entries(describe).map(([o, fields]) => [o, fields.map((f) => ({ name: f.name, type: f.type }))]),
    );
    expect(checkAgainstSchema(mapping, plain)).toEqual([]);
    for (const target of Object.values(mapping.writeBack ?? {})) {
      const names = Object.values(target.fields).map((f) => (typeof f === 'string' ? f : f.field));
      for (const name of names)
        expect(
          describe[target.object]?.find((f) => f.name === name),
          `${target.object}.${name}`,
        ).toMatchObject({
          updateable: true,
        });
      await expect(conn.query(`SELECT Id, ${names.join(', ')} FROM ${target.object}`)).resolves.toBeDefined();
    }
    const lead = await conn
      .sobject('Lead')
      .create({ LastName: 'Flag', Company: 'Perm', PS_Duplicate_Status__c: 'Duplicate' });
    expect(lead).toMatchObject({ success: true });
    // The reps' set exists, read only, for admins to assign.
    const reps = await conn.query<{ Id: string }>(
      "SELECT Id FROM PermissionSet WHERE Name = 'PartnerSync_Read_Only'",
    );
    const edits = await conn.query(
      `SELECT Id FROM FieldPermissions WHERE ParentId = '${reps.records[0]?.Id ?? ''}' AND PermissionsEdit = true`,
    );
    expect(reps.totalSize).toBe(1);
    expect(edits.totalSize).toBe(0);
  });

  it('Salesforce: a grant an admin removed is restored by the next provision', async () => {
    const sb = await salesforce();
    await run([sfConfig(sb)], 'sf-main').report;
    const conn = new Connection({
      instanceUrl: sb.url,
      accessToken: sb.credentials.accessToken,
      version: '62.0',
    });
    const row = await conn.query<{ Id: string }>(
      "SELECT Id FROM FieldPermissions WHERE Field = 'Lead.PS_Duplicate_Of__c' AND PermissionsEdit = true",
    );
    await conn.sobject('FieldPermissions').update({ Id: row.records[0]?.Id ?? '', PermissionsEdit: false });
    const field = async () =>
      (await conn.describe('Lead')).fields.find((f) => f.name === 'PS_Duplicate_Of__c');
    expect(await field()).toMatchObject({ updateable: false });
    const again = await run([sfConfig(sb)], 'sf-main').report;
    expect(again?.items).toContainEqual(
      expect.objectContaining({
        name: 'PermissionSet PartnerSync_Integration',
        status: 'created',
        detail: '1 permission granted',
      }),
    );
    expect(await field()).toMatchObject({ updateable: true });
  });

  it('reports the fallback clearly on a HubSpot portal without custom objects', async () => {
    // Such a portal lists schemas as 200 with no results and refuses only the create (403).
    const sb = await hubspot(false);
    const config = hsConfig(sb);
    const { lines, report } = run([config], config.id);
    await report;
    expect(sb.portal.type('deals')?.properties.has('ps_registration_status')).toBe(true);
    expect(sb.counters.get('POST /crm-object-schemas/2026-03/schemas')).toBe(1);
    expect(lines.filter((l) => /fallback +object/.test(l))).toHaveLength(2);
    expect(lines.join('\n')).toMatch(/fallback +object +ps_deal_registration +custom objects unavailable/);
  });

  it.each(['salesforce', 'hubspot'] as const)(
    '%s: bad credentials give one auth error naming the connection and write nothing',
    async (provider) => {
      const sf = provider === 'salesforce' ? await salesforce() : undefined;
      const hs = provider === 'hubspot' ? await hubspot() : undefined;
      const config =
        sf !== undefined ? sfConfig(sf, 'not-a-token') : hsConfig(hs ?? (await hubspot()), 'pat-na1-bad');
      const err = await run([config], config.id).report.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CrmAuthError);
      expect((err as Error).message).toContain(`"${config.id}"`);
      expect(sf?.org.object('PS_Deal_Registration__c')).toBeUndefined();
      expect(hs?.portal.type('ps_deal_registration')).toBeUndefined();
      const writes = (sf ?? hs)?.counters.get(/^(POST|PATCH|PUT|DELETE) /) ?? -1;
      expect(writes).toBe(0);
    },
  );

  it('prints the bad-credentials error as one line on stderr from the real CLI', async () => {
    const sb = await salesforce();
    const prefix = testPrefix();
    dropBudget(prefix, 'salesforce');
    const result = await runCli(['provision', '--connection', 'salesforce'], {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_AUTOSTART: 'false',
      REDIS_PREFIX: prefix,
      SALESFORCE_INSTANCE_URL: sb.url,
      SALESFORCE_LOGIN_URL: sb.url,
      SALESFORCE_ACCESS_TOKEN: 'expired-or-wrong',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/connection "salesforce"/);
    expect(sb.counters.get(/^(POST|PATCH) /)).toBe(0);
  });

  it('emits the deployable Salesforce metadata package without calling the org', async () => {
    const sb = await salesforce();
    const dir = await mkdtemp(join(tmpdir(), 'ps-metadata-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const { lines, report } = run([sfConfig(sb)], 'sf-main', { emitMetadata: dir });
    expect(await report).toBeNull();
    expect(lines[0]).toMatch(/wrote \d+ files/);
    expect((await readdir(join(dir, 'objects'))).sort()).toContain('PS_Deal_Registration__c.object-meta.xml');
    expect(await readFile(join(dir, 'package.xml'), 'utf8')).toContain('<name>CustomField</name>');
    expect(sb.counters.total()).toBe(0);
  });
});
