import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allJobs } from '../../jobs/index.js';
import { defaultAttributionConfig } from '../../src/attribution/index.js';
import { attributeOpportunities } from '../../jobs/attribute-deal/attribute-opportunities.js';
import { addUtcDays, utcDate } from '../../src/registration/index.js';
import { createDecisionStore } from '../../src/store/decision-store.js';
import { DecisionRules } from '../../src/store/rules-store.js';
import { runCli } from '../helpers/cli.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';
import type { ScenarioIds } from './attribution-scenario.js';
import {
  associatedIds,
  ATTRIBUTION,
  HS_TYPES,
  partnerLabel,
  propsOf,
  REGISTRATION,
  seedHubspotPhase1,
  seedHubspotPhase2,
} from './hubspot-attribution-scenario.js';
import { startHarness, type Harness } from './pipeline-harness.js';

/** Every HubSpot write: object batches (create/update/upsert/archive) and association creates. */
const WRITES =
  /^(POST|PATCH|PUT|DELETE) \/crm\/(objects\/2026-03\/[^ ]+\/batch\/(create|update|upsert|archive)|associations\/2026-03\/[^ ]+\/batch\/create)/;
const REG_PROPS = ['ps_status', 'ps_conflict_with', 'ps_expires_on', 'ps_opportunity_id'];
const DEAL_PROPS = [
  'ps_partner_sourced',
  'ps_sourcing_partner_id',
  'ps_partner_influenced',
  'ps_influencing_partners',
  'ps_attribution_model',
  'ps_deal_registration_id',
];

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

interface Row {
  role: unknown;
  percent: number;
  amount: number;
  model: unknown;
  deal: unknown;
  partner: unknown;
  associated: { deals: string[]; companies: string[] };
}

/** Junction rows (custom object records) by external key, with the deal and company they are associated to. */
function junctionRows(h: Harness): Record<string, Row> {
  const rows = h.hs.store.list(ATTRIBUTION);
  const keys = rows.map((r) => String(r.fields['ps_external_key']));
  expect(new Set(keys).size).toBe(keys.length); // never duplicated
  return Object.fromEntries(
    rows.map((r) => [
      String(r.fields['ps_external_key']),
      {
        role: r.fields['ps_role'],
        percent: Number(r.fields['ps_credit_percent']),
        amount: Number(r.fields['ps_credited_amount']),
        model: r.fields['ps_model'],
        deal: r.fields['ps_opportunity_id'],
        partner: r.fields['ps_partner_id'],
        associated: {
          deals: associatedIds(h.hs, ATTRIBUTION, r.id, 'deals'),
          companies: associatedIds(h.hs, ATTRIBUTION, r.id, 'companies'),
        },
      },
    ]),
  );
}

describe('attribution and registration jobs against the HubSpot sandbox', () => {
  it(
    'reviews, converts, attributes with associated junction rows, writes nothing again, dry-runs, and removes rows',
    { timeout: 240_000 },
    async () => {
      let ids: ScenarioIds = new Map();
      const h = await startHarness(allJobs, ({ hs, clock }) => {
        ids = seedHubspotPhase1(hs, clock);
      });
      harness = h;
      const id = (label: string): string => ids.get(label) ?? `missing ${label}`;
      const expiresOn = addUtcDays(utcDate(new Date(h.clock.now()).toISOString()), 90);

      // Customers and deals first, so the review sees Globex's open deal (sync jobs run concurrently).
      await h.sync({ hs: ['companies', 'contacts', 'deals'] });
      await h.sync({ hs: HS_TYPES });
      await h.sync({ hs: HS_TYPES }); // our writes echo back
      const reg = (label: string) => propsOf(h.hs, REGISTRATION, id(label), REG_PROPS);
      expect(reg('R1')).toEqual({
        ps_status: 'approved',
        ps_conflict_with: null,
        ps_expires_on: expiresOn,
        ps_opportunity_id: null,
      });
      expect(reg('R2')).toMatchObject({ ps_status: 'rejected', ps_conflict_with: id('R1') });
      expect(reg('R4')).toMatchObject({ ps_status: 'rejected', ps_conflict_with: id('R1') });
      expect(reg('R3')).toMatchObject({ ps_status: 'rejected', ps_conflict_with: id('O-G') });
      // Registrations are associated to their partner's company.
      expect(associatedIds(h.hs, REGISTRATION, id('R1'), 'companies')).toEqual([id('P1')]);

      seedHubspotPhase2(h.hs, h.clock, ids);
      await h.sync({ hs: HS_TYPES });
      await h.sync({ hs: HS_TYPES });
      expect(reg('R1')).toMatchObject({ ps_status: 'converted', ps_opportunity_id: id('O-A') });
      expect(associatedIds(h.hs, REGISTRATION, id('R1'), 'deals')).toEqual([id('O-A')]);
      expect(propsOf(h.hs, 'deals', id('O-A'), DEAL_PROPS)).toEqual({
        ps_partner_sourced: 'true',
        ps_sourcing_partner_id: id('P1'),
        ps_partner_influenced: 'true',
        ps_influencing_partners: 'Contoso Integrations;Fabrikam Cloud',
        ps_attribution_model: 'Split equally between 2 partners',
        ps_deal_registration_id: id('R1'),
      });
      expect(propsOf(h.hs, 'deals', id('O-G'), DEAL_PROPS)).toMatchObject({
        ps_partner_sourced: 'true',
        ps_sourcing_partner_id: id('P3'),
        ps_partner_influenced: 'false',
      });
      const oa = id('O-A');
      const og = id('O-G');
      const row = (
        deal: string,
        partner: string,
        role: string,
        percent: number,
        amount: number,
        influenceSplit = 'Split equally between 2 partners',
      ) => ({
        role,
        percent,
        amount,
        model: role === 'sourced' ? 'All sourcing credit to one partner' : influenceSplit,
        deal,
        partner,
        associated: { deals: [deal], companies: [partner] },
      });
      expect(junctionRows(h)).toEqual({
        [`${oa}:${id('P1')}:sourced`]: row(oa, id('P1'), 'sourced', 100, 100_000),
        [`${oa}:${id('P2')}:influenced`]: row(oa, id('P2'), 'influenced', 50, 50_000),
        [`${oa}:${id('P3')}:influenced`]: row(oa, id('P3'), 'influenced', 50, 50_000),
        [`${og}:${id('P3')}:sourced`]: row(og, id('P3'), 'sourced', 100, 30_000),
      });

      // Running everything again writes nothing.
      const writes = h.hs.counters.get(WRITES);
      expect(writes).toBeGreaterThan(0);
      await h.sync({ hs: HS_TYPES });
      const deals = [oa, og];
      await h.deps.scheduler.attributeDeals('hs', deals);
      await h.deps.scheduler.reviewRegistrations('hs', ['R1', 'R2', 'R3', 'R4'].map(id));
      await h.settle();
      expect(h.hs.counters.get(WRITES)).toBe(writes);

      // A dry run with another model changes nothing in the CRM nor in the stored decisions.
      const decisions = createDecisionStore(h.deps.redis, h.deps.keys);
      const before = await decisions.get('hs', 'opportunity', oa);
      const mapping = await h.deps.connections.get('hs')?.mapping();
      if (mapping === undefined) throw new Error('no mapping');
      const dry = await attributeOpportunities(h.deps, 'hs', deals, {
        mapping,
        rules: DecisionRules.parse({ attribution: { ...defaultAttributionConfig, model: 'w-shaped' } }),
        now: new Date(h.clock.now()).toISOString(),
        apply: false,
      });
      expect(dry.issues).toEqual([]);
      expect(dry.plans.find((p) => p.plan.decision.opportunityId === oa)?.plan.upserted.length).toBe(2);
      await h.settle();
      expect(h.hs.counters.get(WRITES)).toBe(writes);
      expect(await decisions.get('hs', 'opportunity', oa)).toEqual(before);

      // The same through the real CLI: it prints what would change and writes nothing.
      const dir = mkdtempSync(join(tmpdir(), 'ps-recompute-'));
      const file = join(dir, 'connections.json');
      writeFileSync(
        file,
        JSON.stringify({
          connections: [
            {
              id: 'hs',
              provider: 'hubspot',
              auth: { type: 'private_app', accessToken: h.hs.credentials.accessToken },
              baseUrl: h.hs.url,
            },
          ],
        }),
      );
      const cli = await runCli(
        ['attribution', 'recompute', '--connection', 'hs', '--model', 'w-shaped', '--dry-run'],
        {
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: h.prefix,
          REDIS_AUTOSTART: 'false',
          CONNECTIONS_FILE: file,
        },
        60_000,
      );
      rmSync(dir, { recursive: true, force: true });
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      expect(cli.stdout).toContain('Dry run (nothing written): model w-shaped');
      expect(cli.stdout).toContain('junction rows: 0 created, 2 updated, 0 deleted');
      await h.settle();
      expect(h.hs.counters.get(WRITES)).toBe(writes);
      expect(await decisions.get('hs', 'opportunity', oa)).toEqual(before);

      // Fabrikam's Partner association goes away: its row is deleted, Contoso gets all influenced credit.
      h.hs.associations.remove('deals', oa, 'companies', id('P3'));
      expect(partnerLabel(h.hs).label).toBe('Partner');
      h.hs.store.update('deals', oa, {}, { userId: '9000001' });
      await h.sync({ hs: ['deals'] });
      await h.sync({ hs: HS_TYPES });
      expect(junctionRows(h)).toEqual({
        [`${oa}:${id('P1')}:sourced`]: row(oa, id('P1'), 'sourced', 100, 100_000),
        [`${oa}:${id('P2')}:influenced`]: row(
          oa,
          id('P2'),
          'influenced',
          100,
          100_000,
          'All credit to one partner',
        ),
        [`${og}:${id('P3')}:sourced`]: row(og, id('P3'), 'sourced', 100, 30_000),
      });
      expect(propsOf(h.hs, 'deals', oa, ['ps_influencing_partners'])).toEqual({
        ps_influencing_partners: 'Contoso Integrations',
      });
    },
  );
});
