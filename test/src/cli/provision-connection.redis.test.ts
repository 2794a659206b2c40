import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionConfig } from '../../../connectors/connection-config.js';
import {
  startHubspotSandbox,
  startSalesforceSandbox,
  type HubspotSandbox,
  type SalesforceSandbox,
} from '../../../connectors/sandbox/start-sandboxes.js';
import { provisionConnection } from '../../../src/cli/provision-connection.js';
import { CrmAuthError } from '../../../src/core/errors/index.js';
import { createLogger } from '../../../src/core/logger.js';
import { createKeySpace } from '../../../src/store/keys.js';
import { runCli } from '../../helpers/cli.js';
import { TEST_REDIS_URL, testPrefix, workerRedis } from '../../helpers/redis.js';

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
  cleanups.push(() => sb.close());
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
  extra: { dryRun?: boolean; emitMetadata?: string } = {},
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
    }),
  };
}

describe('partnersync provision', () => {
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

  it('reports the fallback clearly on a HubSpot portal without custom objects', async () => {
    const config = hsConfig(await hubspot(false));
    const { lines, report } = run([config], config.id);
    await report;
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
