import { afterEach, describe, expect, it } from 'vitest';
import { adminActor as hsAdmin } from '../../connectors/sandbox/hubspot/portal.js';
import { ASSOCIATION_FIELD_PREFIX } from '../../mappings/write-back-spec.js';
import { writeBack } from '../../jobs/write-back/write-back.js';
import type { WriteBackRequest } from '../../src/store/write-back-store.js';
import { associatedIds, ATTRIBUTION } from './hubspot-attribution-scenario.js';
import { startHarness, type Harness } from './pipeline-harness.js';

/** Every HubSpot write: object batches and association creates. */
const WRITES =
  /^POST \/crm\/(objects\/2026-03\/[^ ]+\/batch\/(create|update|upsert|archive)|associations\/2026-03\/[^ ]+\/batch\/create)/;

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const row = (key: string, deal: string, company: string): WriteBackRequest => ({
  objectType: ATTRIBUTION,
  operation: 'upsert',
  idField: 'ps_external_key',
  id: key,
  fields: {
    ps_role: 'influenced',
    ps_partner_id: company,
    ps_opportunity_id: deal,
    ps_credit_percent: 50,
    [`${ASSOCIATION_FIELD_PREFIX}deals`]: deal,
    [`${ASSOCIATION_FIELD_PREFIX}companies`]: company,
  },
});

describe('write-back: one record’s failure is that record’s failure', () => {
  it(
    'writes every other field and record of a batch when one association fails, and records exactly one rejection',
    { timeout: 120_000 },
    async () => {
      const ids: Record<string, string> = {};
      const h = await startHarness([writeBack], ({ hs }) => {
        ids['deal'] = hs.store.create('deals', { dealname: 'Acme - Platform', amount: '1000' }, hsAdmin).id;
        for (const name of ['P1', 'P2', 'P3', 'Gone'])
          ids[name] = hs.store.create('companies', { name }, hsAdmin).id;
        // Deleted after the decision named it: the association to it cannot be made.
        hs.store.softDelete('companies', ids['Gone'] ?? '', hsAdmin);
      });
      harness = h;
      const id = (k: string): string => ids[k] ?? `missing ${k}`;
      const deal = id('deal');
      await h.deps.writeBack.enqueue('hs', [
        row('k1', deal, id('P1')),
        row('k2', deal, id('Gone')),
        row('k3', deal, id('P2')),
        {
          objectType: 'deals',
          operation: 'update',
          idField: 'id',
          id: deal,
          fields: { ps_influencing_partners: 'P1;P2', ps_partner_influenced: true },
        },
      ]);
      await h.deps.scheduler.writeBack('hs');
      await h.settle();

      const rows = h.hs.store.list(ATTRIBUTION);
      const byKey = new Map(rows.map((r) => [String(r.fields['ps_external_key']), r]));
      expect([...byKey.keys()].sort()).toEqual(['k1', 'k2', 'k3']);
      for (const [key, company] of [
        ['k1', id('P1')],
        ['k2', id('Gone')],
        ['k3', id('P2')],
      ] as const) {
        const r = byKey.get(key);
        expect(r?.fields).toMatchObject({
          ps_role: 'influenced',
          ps_partner_id: company,
          ps_credit_percent: '50',
        });
        expect(associatedIds(h.hs, ATTRIBUTION, r?.id ?? '', 'deals')).toEqual([deal]);
        expect(associatedIds(h.hs, ATTRIBUTION, r?.id ?? '', 'companies')).toEqual(
          key === 'k2' ? [] : [company],
        );
      }
      expect(h.hs.store.get('deals', deal)?.fields).toMatchObject({
        ps_influencing_partners: 'P1;P2',
        ps_partner_influenced: 'true',
      });

      const rejections = await h.deps.writeBack.rejections('hs');
      expect(rejections).toHaveLength(1);
      expect(rejections[0]).toMatchObject({
        objectType: ATTRIBUTION,
        id: 'k2',
        fields: [`${ASSOCIATION_FIELD_PREFIX}companies`],
      });
      expect(rejections[0]?.message).toContain(`association to companies ${id('Gone')} refused`);
      const metrics = await h.deps.metrics.registry.getSingleMetricAsString('partnersync_crm_calls_total');
      expect(metrics).toMatch(/connection="hs".*status="rejected"\} 1$/m);

      // Parked, not retried: running again writes nothing.
      const writes = h.hs.counters.get(WRITES);
      await h.deps.scheduler.writeBack('hs');
      await h.settle();
      expect(h.hs.counters.get(WRITES)).toBe(writes);
      expect(await h.deps.writeBack.pendingCount('hs')).toBe(0);
    },
  );
});
