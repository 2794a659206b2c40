import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionConfig } from '../../../connectors/connection-config.js';
import { HS_PORTAL_ID } from '../../../connectors/sandbox/hubspot/portal.js';
import { createHubspotSandbox, type HubspotSandbox } from '../../../connectors/sandbox/hubspot-server.js';
import { defaultMappingPath } from '../../../mappings/load-mapping-file.js';
import { provisionConnection } from '../../../src/cli/provision-connection.js';
import { createLogger } from '../../../src/core/logger.js';
import { createKeySpace } from '../../../src/store/keys.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix, workerRedis } from '../../helpers/redis.js';

const UI = { userId: '9000001' };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sandbox(journalScopes?: readonly string[]): Promise<HubspotSandbox> {
  const sb = await createHubspotSandbox({
    webhook: { enabled: false },
    rateLimits: { tenSecondly: 10_000 },
    journalScopes,
  });
  cleanups.push(() => sb.close());
  return sb;
}

const journalConfig = (sb: HubspotSandbox, mappingFile?: string) =>
  ConnectionConfig.parse({
    id: 'hs-journal',
    provider: 'hubspot',
    baseUrl: sb.url,
    portalId: HS_PORTAL_ID,
    changes: 'journal',
    auth: {
      type: 'oauth',
      clientId: sb.credentials.clientId,
      clientSecret: sb.credentials.clientSecret,
      refreshToken: sb.credentials.refreshToken,
    },
    limits: { burstPer10s: 10_000 },
    ...(mappingFile === undefined ? {} : { mappingFile }),
  });

async function provision(
  config: ConnectionConfig,
  dryRun = false,
): Promise<{ lines: string[]; subscriptions: [string, string, string?][] }> {
  const lines: string[] = [];
  const prefix = testPrefix();
  cleanups.push(async () => {
    const redis = workerRedis();
    await deleteKeys(redis, `*${prefix}*`);
    redis.disconnect();
  });
  const report = await provisionConnection({
    configs: [config],
    connectionId: config.id,
    dryRun,
    redis: TEST_REDIS_URL,
    autostartRedis: false,
    keys: createKeySpace(prefix),
    log: createLogger({ level: 'silent' }),
    out: (l) => lines.push(l),
  });
  const items = (report?.items ?? []).filter((i) => i.kind === 'subscription');
  return {
    lines,
    subscriptions: items.map(
      (i) => [i.name, i.status, ...(i.detail === undefined ? [] : [i.detail])] as [string, string, string?],
    ),
  };
}

describe('partnersync provision: webhooks-journal subscriptions', () => {
  it(
    'subscribes every mapped type; the journal then carries their changes; a second run changes nothing',
    { timeout: 60_000 },
    async () => {
      const sb = await sandbox();
      sb.store.create('contacts', { email: 'before@example.com' }, UI);
      expect(sb.journal.size()).toBe(0); // no subscription yet: nothing journaled
      const dry = await provision(journalConfig(sb), true);
      expect(dry.subscriptions.map(([, status]) => status)).toEqual(Array(4).fill('would_create'));
      expect(sb.journalSubscriptions.list()).toEqual([]);

      const first = await provision(journalConfig(sb));
      expect(first.subscriptions).toEqual([
        ['companies.journal', 'created'],
        ['contacts.journal', 'created'],
        ['deals.journal', 'created'],
        ['ps_deal_registration.journal', 'created'],
      ]);
      const deals = sb.journalSubscriptions.list().find((s) => s.objectTypeId === '0-3');
      expect(deals?.actions).toEqual([
        'CREATE',
        'UPDATE',
        'DELETE',
        'MERGE',
        'RESTORE',
        'ASSOCIATION_ADDED',
        'ASSOCIATION_REMOVED',
      ]);
      expect(deals?.properties).toContain('dealstage');
      const companies = sb.journalSubscriptions.list().find((s) => s.objectTypeId === '0-2');
      expect(companies?.actions).not.toContain('ASSOCIATION_ADDED');

      const c = sb.store.create('contacts', { email: 'after@example.com' }, UI);
      sb.store.update('contacts', c.id, { lastname: 'Lee' }, UI);
      expect(sb.journal.events().map((e) => e['subscriptionType'])).toEqual([
        'contact.creation',
        'contact.propertyChange',
      ]);

      const second = await provision(journalConfig(sb));
      expect(second.subscriptions.map(([, status]) => status)).toEqual([
        'existed',
        'existed',
        'existed',
        'existed',
      ]);
      expect(second.lines.at(-1)).not.toMatch(/created|updated/);
      expect(second.lines.join('\n')).not.toContain(sb.credentials.clientSecret);
      // One column per item kind: fields, objects and subscriptions line up under each other.
      const itemLines = first.lines.filter((l) => /^ {2}(created|existed) /.test(l));
      // "  created      field        contacts.ps_duplicate_status": the name starts after status and kind.
      const nameColumns = new Set(itemLines.map((l) => /^ {2}\S+ +\S+ +/.exec(l)?.[0].length));
      expect(itemLines.length).toBeGreaterThan(4);
      expect(first.lines.some((l) => / field /.test(l))).toBe(true);
      expect(nameColumns.size).toBe(1);
    },
  );

  it(
    'a mapping that reads another property updates the subscription on the next provision',
    { timeout: 60_000 },
    async () => {
      const sb = await sandbox();
      await provision(journalConfig(sb));
      const dir = await mkdtemp(join(tmpdir(), 'ps-journal-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      const yaml = (await readFile(defaultMappingPath('hubspot'), 'utf8')).replace(
        '      title: jobtitle\n',
        '      title: { from: [jobtitle, hs_persona] }\n',
      );
      const file = join(dir, 'hubspot.yaml');
      await writeFile(file, yaml);
      const next = await provision(journalConfig(sb, file));
      expect(next.subscriptions).toContainEqual([
        'contacts.journal',
        'updated',
        'adds properties hs_persona',
      ]);
      expect(next.subscriptions.filter(([, s]) => s === 'existed')).toHaveLength(3);
    },
  );

  it(
    'an app without the subscription scopes: a failed item naming the endpoint and the scope',
    { timeout: 60_000 },
    async () => {
      const sb = await sandbox(['developer.webhooks_journal.read']);
      const { subscriptions, lines } = await provision(journalConfig(sb));
      expect(subscriptions.map(([, s]) => s)).toEqual(['failed', 'failed', 'failed', 'failed']);
      expect(subscriptions[0]?.[2]).toMatch(
        /GET \/webhooks-journal\/subscriptions\/2026-03: HubSpot 403 MISSING_SCOPES.*developer\.webhooks_journal\.subscriptions\.read/,
      );
      expect(lines.join('\n')).toMatch(/4 FAILED/);
    },
  );
});
