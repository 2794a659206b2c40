import { afterAll, describe, expect, it } from 'vitest';
import { ConnectionConfig } from '../../connectors/connection-config.js';
import { HS_PORTAL_ID } from '../../connectors/sandbox/hubspot/portal.js';
import { SF_INTEGRATION_USER_ID, SF_ORG_ID } from '../../connectors/sandbox/salesforce/org.js';
import {
  startHubspotSandbox,
  startSalesforceSandbox,
  type HubspotSandbox,
  type SalesforceSandbox,
} from '../../connectors/sandbox/start-sandboxes.js';
import type { RecordChange } from '../../connectors/sandbox/store.js';
import type { RetryOptions } from '../../connectors/with-retries.js';
import { allJobs } from '../../jobs/index.js';
import { provisionConnection } from '../../src/cli/provision-connection.js';
import { parseEnv } from '../../src/core/env.js';
import { createLogger } from '../../src/core/logger.js';
import { createPipelineDeps } from '../../src/queue/create-pipeline-deps.js';
import { mappingSources } from '../../src/ingest/mapping-sources.js';
import { syncPages } from '../../jobs/sync-incremental/sync-pages.js';
import { startService, type RunningService } from '../../src/service.js';
import { createKeySpace } from '../../src/store/keys.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix, workerRedis } from '../helpers/redis.js';
import {
  fieldsOf,
  seedSalesforcePhase1,
  seedSalesforcePhase2,
  type ScenarioIds,
} from '../jobs/attribution-scenario.js';
import { SkewedClock } from '../jobs/dedupe-scenario.js';
import {
  associatedIds,
  ATTRIBUTION,
  propsOf,
  REGISTRATION,
  seedHubspotPhase1,
  seedHubspotPhase2,
} from '../jobs/hubspot-attribution-scenario.js';
import { waitForQuiet } from './wait-for-quiet.js';
import { startWebhookScrambler, type WebhookScrambler } from './webhook-scrambler.js';

/**
 * Both CRMs through their sandboxes with one call in ten failing from the very first call (429 with
 * Retry-After, 500/502/503, hung connections) and HubSpot at 100 requests per 10 s: `provision` →
 * `backfill` (the CLI paths, retrying in place) → live changes by users delivered as webhooks three
 * times out of order → the exact expected CRM state, no duplicate junction rows, no writes of
 * unchanged values. Then a survivor contact is deleted and a partner is removed from a credited deal.
 */
const SEED = 20_261_205;
const FAULTS = { rateLimitRate: 0.03, serverErrorRate: 0.04, timeoutRate: 0.03, timeoutMs: 1_500 };
const UI = { userId: '9000001' };
const SF_UI = { userId: '0055g00000B2usrAAB' };

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

/** Updates our integration made that changed nothing: a write of unchanged values. */
function noOpWrites(changes: readonly RecordChange[], ours: (c: RecordChange) => boolean): string[] {
  return changes
    .filter((c) => ours(c) && c.kind === 'update' && c.changed.length === 0)
    .map((c) => `${c.record.type} ${c.record.id}`);
}

const quickRetry = (lines: string[]): RetryOptions => ({
  baseMs: 20,
  capMs: 200,
  onRetry: (i) => lines.push(`${i.connection} ${i.call}`),
});

describe('setup and live changes through a flaky CRM (both CRMs)', () => {
  it(
    'provisions, backfills and settles live changes to the exact expected state',
    { timeout: 600_000 },
    async () => {
      const clock = new SkewedClock();
      const hook = { enabled: false, flushIntervalMs: 100 };
      const hs: HubspotSandbox = await startHubspotSandbox({
        now: clock.now,
        rateLimits: { tenSecondly: 100, searchPerSecond: 5 },
        faults: { seed: SEED, ...FAULTS },
        webhook: hook,
      });
      cleanups.push(() => hs.close());
      const sf: SalesforceSandbox = await startSalesforceSandbox({
        now: clock.now,
        faults: { seed: SEED + 1, ...FAULTS },
        // Outbound messages are configured per object: the objects the mapping reads.
        webhook: {
          ...hook,
          objects: [
            'Lead',
            'Contact',
            'Account',
            'Opportunity',
            'OpportunityPartner',
            'PS_Deal_Registration__c',
          ],
        },
      });
      cleanups.push(() => sf.close());
      const hsChanges: RecordChange[] = [];
      hs.store.onChange((c) => hsChanges.push(c));
      const sfChanges: RecordChange[] = [];
      sf.store.onChange((c) => sfChanges.push(c));

      let serviceUrl = '';
      const scrambler: WebhookScrambler = await startWebhookScrambler({
        target: () => serviceUrl,
        copies: 3,
        seed: SEED,
      });
      cleanups.push(() => scrambler.close());
      const limits = { timeoutMs: 1_000 };
      const configs = [
        ConnectionConfig.parse({
          id: 'sf',
          provider: 'salesforce',
          auth: { type: 'access_token', accessToken: sf.credentials.accessToken, instanceUrl: sf.url },
          loginUrl: sf.url,
          webhook: { organizationId: SF_ORG_ID },
          limits: { ...limits, dailyLimit: 100_000 },
        }),
        ConnectionConfig.parse({
          id: 'hs',
          provider: 'hubspot',
          auth: { type: 'private_app', accessToken: hs.credentials.accessToken },
          baseUrl: hs.url,
          portalId: HS_PORTAL_ID,
          tier: 'starter',
          webhook: { clientSecret: hs.credentials.clientSecret, appId: hs.credentials.appId },
          limits: { ...limits, burstPer10s: 90 },
        }),
      ];
      const prefix = testPrefix();
      cleanups.push(async () => {
        const admin = workerRedis();
        await deleteKeys(admin, `*${prefix}*`);
        await admin.quit();
      });
      const log = createLogger({ level: 'silent' });

      // provision, from the very first call through the faults.
      const retries: string[] = [];
      for (const id of ['sf', 'hs']) {
        const report = await provisionConnection({
          configs,
          connectionId: id,
          dryRun: false,
          redis: TEST_REDIS_URL,
          autostartRedis: false,
          keys: createKeySpace(prefix),
          log,
          out: () => undefined,
          retry: quickRetry(retries),
        });
        expect(report?.items.filter((i) => i.status === 'failed')).toEqual([]);
      }
      expect(retries.length).toBeGreaterThan(0);

      // Users' data before partnersync is connected.
      let sfIds: ScenarioIds = new Map();
      let hsIds: ScenarioIds = new Map();
      sfIds = seedSalesforcePhase1(sf, clock);
      hsIds = seedHubspotPhase1(hs, clock);
      const robert = hs.store.create(
        'contacts',
        {
          firstname: 'Robert',
          lastname: 'Smith',
          email: 'robert.smith@globex.example',
          phone: '+1 415 555 0101',
          company: 'Globex Corporation',
          jobtitle: 'VP Operations',
        },
        UI,
      ).id;
      const dana = hs.store.create(
        'contacts',
        { firstname: 'Dana', lastname: 'Scully', email: 'dana.scully@fbi.example', phone: '+1 202 555 0199' },
        UI,
      ).id;

      const env = parseEnv({
        NODE_ENV: 'test',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        REDIS_AUTOSTART: 'false',
        SYNC_INTERVAL_MS: '0',
        INGEST_WINDOW_MS: '50',
        WRITE_BACK_WINDOW_MS: '50',
        PUBLIC_BASE_URL: scrambler.url,
        PORT: '0',
      });
      const service: RunningService = await startService({
        env,
        log,
        mode: 'all',
        connections: configs,
        jobs: allJobs,
        now: clock.now,
      });
      cleanups.push(async () => {
        await service.close();
      });
      serviceUrl = service.url ?? '';

      // backfill, as the CLI runs it: every page through the retrying connectors, checkpointed.
      const admin = workerRedis();
      cleanups.push(async () => {
        await admin.quit();
      });
      const cli = createPipelineDeps({
        env,
        connections: configs,
        redis: admin,
        log,
        retry: quickRetry(retries),
      });
      for (const runtime of cli.deps.connections.list()) {
        for (const objectType of mappingSources(await runtime.mapping())) {
          const done: { complete: boolean } = await syncPages({
            deps: cli.deps,
            connection: runtime.config.id,
            objectType,
            checkpoint: `backfill.${objectType}`,
            signal: AbortSignal.timeout(120_000),
            log,
          });
          expect(done.complete).toBe(true);
        }
      }
      await waitForQuiet(service.deps, 1_500, 240_000);

      // Live changes by users, delivered as webhooks three times each, out of order.
      sf.webhooks.configure({ url: `${scrambler.url}/webhooks/salesforce/sf`, enabled: true });
      hs.webhooks.configure({ url: `${scrambler.url}/webhooks/hubspot/hs`, enabled: true });
      const bob = hs.store.create(
        'contacts',
        {
          firstname: 'Bob',
          lastname: 'Smyth',
          email: 'bob.smith.1975@gmail.com',
          phone: '(415) 555-0101',
          company: 'Globex Corp',
          jobtitle: 'VP Operations',
        },
        UI,
      ).id;
      const dana2 = hs.store.create(
        'contacts',
        { firstname: 'Dana', lastname: 'Scully', email: 'dana.scully@fbi.example', phone: '+1 202 555 0199' },
        UI,
      ).id;
      seedHubspotPhase2(hs, clock, hsIds);
      seedSalesforcePhase2(sf, clock, sfIds);
      const settle = async (): Promise<void> => {
        await Promise.all([hs.webhooks.flush(), sf.webhooks.flush()]);
        await scrambler.drain(60_000);
        await waitForQuiet(service.deps, 1_500, 240_000);
      };
      await settle();

      const hid = (l: string): string => hsIds.get(l) ?? `missing ${l}`;
      const sid = (l: string): string => sfIds.get(l) ?? `missing ${l}`;
      const reg = (l: string) =>
        propsOf(hs, REGISTRATION, hid(l), ['ps_status', 'ps_conflict_with', 'ps_opportunity_id']);
      expect(reg('R1')).toEqual({
        ps_status: 'converted',
        ps_conflict_with: null,
        ps_opportunity_id: hid('O-A'),
      });
      expect(reg('R2')).toMatchObject({ ps_status: 'rejected', ps_conflict_with: hid('R1') });
      expect(reg('R4')).toMatchObject({ ps_status: 'rejected', ps_conflict_with: hid('R1') });
      expect(reg('R3')).toMatchObject({ ps_status: 'rejected', ps_conflict_with: hid('O-G') });
      const oa = hid('O-A');
      const dealFields = () =>
        propsOf(hs, 'deals', oa, ['ps_partner_sourced', 'ps_sourcing_partner_id', 'ps_influencing_partners']);
      expect(dealFields()).toEqual({
        ps_partner_sourced: 'true',
        ps_sourcing_partner_id: hid('P1'),
        ps_influencing_partners: 'Contoso Integrations;Fabrikam Cloud',
      });
      const hsRows = () => {
        const rows = hs.store.list(ATTRIBUTION);
        const keys = rows.map((r) => String(r.fields['ps_external_key']));
        expect(new Set(keys).size).toBe(keys.length); // no duplicate junction rows
        return Object.fromEntries(
          rows.map((r) => [
            String(r.fields['ps_external_key']),
            [Number(r.fields['ps_credit_percent']), associatedIds(hs, ATTRIBUTION, r.id, 'deals')],
          ]),
        );
      };
      expect(hsRows()).toEqual({
        [`${oa}:${hid('P1')}:sourced`]: [100, [oa]],
        [`${oa}:${hid('P2')}:influenced`]: [50, [oa]],
        [`${oa}:${hid('P3')}:influenced`]: [50, [oa]],
        [`${hid('O-G')}:${hid('P3')}:sourced`]: [100, [hid('O-G')]],
      });
      const sreg = (l: string) =>
        String(fieldsOf(sf, 'PS_Deal_Registration__c', sid(l), ['Status__c'])['Status__c']).toLowerCase();
      expect(['R1', 'R2', 'R3', 'R4'].map(sreg)).toEqual(['converted', 'rejected', 'rejected', 'rejected']);
      const sfRows = () => {
        const keys = sf.store
          .list('PS_Partner_Attribution__c')
          .map((r) => String(r.fields['External_Key__c']));
        expect(new Set(keys).size).toBe(keys.length);
        return keys.sort();
      };
      const soa = sid('O-A');
      expect(sfRows()).toEqual(
        [
          `${soa}:${sid('P1')}:sourced`,
          `${soa}:${sid('P2')}:influenced`,
          `${soa}:${sid('P3')}:influenced`,
          `${sid('O-G')}:${sid('P3')}:sourced`,
        ].sort(),
      );
      // The duplicate write side: the exact pair is flagged against the older record.
      const status = (id: string) =>
        String(hs.store.get('contacts', id)?.fields['ps_duplicate_status'] ?? '');
      expect(status(dana2)).toBe('Duplicate');
      expect(hs.store.get('contacts', dana2)?.fields['ps_duplicate_of']).toBe(dana);
      // Bob Smyth / Robert Smith: left to today's matcher (another issue changes it); whatever it
      // decided must be written consistently and undone below when Robert goes.
      const bobFlagged = status(bob) !== '' && status(bob) !== 'Unique';
      if (bobFlagged) expect(hs.store.get('contacts', bob)?.fields['ps_duplicate_of']).toBe(robert);

      // After the decisions: a survivor is deleted, and a partner is removed from a credited deal.
      hs.store.softDelete('contacts', dana, UI);
      if (bobFlagged) hs.store.softDelete('contacts', robert, UI);
      hs.associations.remove('deals', oa, 'companies', hid('P3'));
      const t3 = sfIds.get('T3') ?? '';
      sf.store.softDelete('OpportunityPartner', t3, SF_UI);
      await settle();
      // Salesforce sends no outbound message for a delete: the periodic sync (off here, so the HubSpot
      // side above is proven by webhooks alone) carries it. Run that sync now.
      await service.deps.scheduler.syncNow('sf', 'OpportunityPartner');
      await settle();

      expect(status(dana2)).toMatch(/^(Unique|)$/);
      expect(hs.store.get('contacts', dana2)?.fields['ps_duplicate_of'] ?? null).toBeNull();
      if (bobFlagged) expect(status(bob)).toMatch(/^(Unique|)$/);
      expect(dealFields()).toEqual({
        ps_partner_sourced: 'true',
        ps_sourcing_partner_id: hid('P1'),
        ps_influencing_partners: 'Contoso Integrations',
      });
      expect(hsRows()).toEqual({
        [`${oa}:${hid('P1')}:sourced`]: [100, [oa]],
        [`${oa}:${hid('P2')}:influenced`]: [100, [oa]],
        [`${hid('O-G')}:${hid('P3')}:sourced`]: [100, [hid('O-G')]],
      });
      expect(sfRows()).toEqual(
        [
          `${soa}:${sid('P1')}:sourced`,
          `${soa}:${sid('P2')}:influenced`,
          `${sid('O-G')}:${sid('P3')}:sourced`,
        ].sort(),
      );
      expect(
        String(
          fieldsOf(sf, 'Opportunity', soa, ['PS_Influencing_Partners__c'])['PS_Influencing_Partners__c'],
        ),
      ).toBe('Contoso Integrations');

      // No write of unchanged values, nothing parked, and the faults really happened.
      expect(noOpWrites(hsChanges, (c) => c.actor.appId !== undefined)).toEqual([]);
      expect(noOpWrites(sfChanges, (c) => c.actor.userId === SF_INTEGRATION_USER_ID)).toEqual([]);
      expect(await service.deps.writeBack.rejections('hs')).toEqual([]);
      expect(hs.faults.injected).toBeGreaterThan(5);
      expect(sf.faults.injected).toBeGreaterThan(5);
      // Every HubSpot call went to the date-versioned API (v4 associations lose support 2027-03-30).
      expect(hs.legacyCalls()).toEqual([]);
      expect(scrambler.stats.refused).toBe(0);
      process.stderr.write(
        `[setup-faults] ${JSON.stringify({
          injected: { hubspot: hs.faults.injected, salesforce: sf.faults.injected },
          retries: retries.length,
          webhooks: scrambler.stats,
          bobSmythFlaggedByTodaysMatcher: bobFlagged,
        })}\n`,
      );
    },
  );
});
