import { afterEach, describe, expect, it } from 'vitest';
import { adminActor as sfAdmin } from '../../connectors/sandbox/salesforce/org.js';
import { allJobs } from '../../jobs/index.js';
import { defaultAttributionConfig } from '../../src/attribution/index.js';
import { attributeOpportunities } from '../../jobs/attribute-deal/attribute-opportunities.js';
import { utcDate, addUtcDays } from '../../src/registration/index.js';
import { createDecisionStore } from '../../src/store/decision-store.js';
import { DecisionRules } from '../../src/store/rules-store.js';
import {
  fieldsOf,
  seedSalesforcePhase1,
  seedSalesforcePhase2,
  SF_TYPES,
  type ScenarioIds,
} from './attribution-scenario.js';
import { startHarness, type Harness } from './pipeline-harness.js';

const WRITES = /^(POST|PATCH|DELETE) .*composite\/sobjects/;
const REG_FIELDS = ['Status__c', 'Conflict_With__c', 'Expires_On__c', 'Opportunity__c'];
const OPP_FIELDS = [
  'PS_Partner_Sourced__c',
  'PS_Sourcing_Partner__c',
  'PS_Partner_Influenced__c',
  'PS_Influencing_Partners__c',
  'PS_Attribution_Model__c',
  'PS_Deal_Registration__c',
];

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function junctionRows(h: Harness): Record<string, Record<string, unknown>> {
  const rows = h.sf.store.list('PS_Partner_Attribution__c');
  const keys = rows.map((r) => String(r.fields['External_Key__c']));
  expect(new Set(keys).size).toBe(keys.length); // never duplicated
  return Object.fromEntries(
    rows.map((r) => [
      String(r.fields['External_Key__c']),
      {
        role: r.fields['Role__c'],
        percent: Number(r.fields['Credit_Percent__c']),
        amount: Number(r.fields['Credited_Amount__c']),
        model: r.fields['Model__c'],
      },
    ]),
  );
}

describe('attribution and registration jobs against the Salesforce sandbox', () => {
  it(
    'reviews, converts, attributes, writes nothing again, dry-runs, and removes rows of partners that stop qualifying',
    { timeout: 240_000 },
    async () => {
      let ids: ScenarioIds = new Map();
      const h = await startHarness(allJobs, ({ sf, clock }) => {
        ids = seedSalesforcePhase1(sf, clock);
      });
      harness = h;
      const id = (label: string): string => ids.get(label) ?? `missing ${label}`;
      const expiresOn = addUtcDays(utcDate(new Date(h.clock.now()).toISOString()), 90);

      await h.sync({ sf: SF_TYPES });
      await h.sync({ sf: SF_TYPES }); // our writes echo back
      const reg = (label: string) => fieldsOf(h.sf, 'PS_Deal_Registration__c', id(label), REG_FIELDS);
      expect(reg('R1')).toEqual({
        Status__c: 'Approved',
        Conflict_With__c: null,
        Expires_On__c: expiresOn,
        Opportunity__c: null,
      });
      expect(reg('R2')).toMatchObject({ Status__c: 'Rejected', Conflict_With__c: id('R1') });
      expect(reg('R4')).toMatchObject({ Status__c: 'Rejected', Conflict_With__c: id('R1') });
      expect(reg('R3')).toMatchObject({ Status__c: 'Rejected', Conflict_With__c: id('O-G') });

      seedSalesforcePhase2(h.sf, h.clock, ids);
      await h.sync({ sf: SF_TYPES });
      await h.sync({ sf: SF_TYPES });
      expect(reg('R1')).toMatchObject({ Status__c: 'Converted', Opportunity__c: id('O-A') });
      expect(fieldsOf(h.sf, 'Opportunity', id('O-A'), OPP_FIELDS)).toEqual({
        PS_Partner_Sourced__c: true,
        PS_Sourcing_Partner__c: id('P1'),
        PS_Partner_Influenced__c: true,
        PS_Influencing_Partners__c: 'Contoso Integrations; Fabrikam Cloud',
        PS_Attribution_Model__c: 'Split equally between 2 partners',
        PS_Deal_Registration__c: id('R1'),
      });
      expect(fieldsOf(h.sf, 'Opportunity', id('O-G'), OPP_FIELDS)).toMatchObject({
        PS_Partner_Sourced__c: true,
        PS_Sourcing_Partner__c: id('P3'),
        PS_Partner_Influenced__c: false,
      });
      const oa = id('O-A');
      expect(junctionRows(h)).toEqual({
        [`${oa}:${id('P1')}:sourced`]: {
          role: 'Sourced',
          percent: 100,
          amount: 100_000,
          model: 'All sourcing credit to one partner',
        },
        [`${oa}:${id('P2')}:influenced`]: {
          role: 'Influenced',
          percent: 50,
          amount: 50_000,
          model: 'Split equally between 2 partners',
        },
        [`${oa}:${id('P3')}:influenced`]: {
          role: 'Influenced',
          percent: 50,
          amount: 50_000,
          model: 'Split equally between 2 partners',
        },
        [`${id('O-G')}:${id('P3')}:sourced`]: {
          role: 'Sourced',
          percent: 100,
          amount: 30_000,
          model: 'All sourcing credit to one partner',
        },
      });

      // Running everything again writes nothing.
      const writes = h.sf.counters.get(WRITES);
      await h.sync({ sf: SF_TYPES });
      const opps = [id('O-A'), id('O-G')];
      await h.deps.scheduler.attributeDeals('sf', opps);
      await h.deps.scheduler.reviewRegistrations('sf', ['R1', 'R2', 'R3', 'R4'].map(id));
      await h.settle();
      expect(h.sf.counters.get(WRITES)).toBe(writes);

      // A dry run with another model changes nothing in the CRM nor in the stored decisions.
      const decisions = createDecisionStore(h.deps.redis, h.deps.keys);
      const before = await decisions.get('sf', 'opportunity', oa);
      const mapping = await h.deps.connections.get('sf')?.mapping();
      if (mapping === undefined) throw new Error('no mapping');
      const dry = await attributeOpportunities(h.deps, 'sf', opps, {
        mapping,
        rules: DecisionRules.parse({ attribution: { ...defaultAttributionConfig, model: 'w-shaped' } }),
        now: new Date(h.clock.now()).toISOString(),
        apply: false,
      });
      expect(dry.plans.find((p) => p.plan.decision.opportunityId === oa)?.plan.upserted.length).toBe(2);
      await h.settle();
      expect(h.sf.counters.get(WRITES)).toBe(writes);
      expect(await decisions.get('sf', 'opportunity', oa)).toEqual(before);

      // Fabrikam's touch goes away: its row is deleted, Contoso gets all influenced credit.
      h.sf.store.softDelete('OpportunityPartner', id('T3'), sfAdmin);
      await h.sync({ sf: ['OpportunityPartner'] });
      await h.sync({ sf: SF_TYPES });
      expect(junctionRows(h)).toEqual({
        [`${oa}:${id('P1')}:sourced`]: {
          role: 'Sourced',
          percent: 100,
          amount: 100_000,
          model: 'All sourcing credit to one partner',
        },
        [`${oa}:${id('P2')}:influenced`]: {
          role: 'Influenced',
          percent: 100,
          amount: 100_000,
          model: 'All credit to one partner',
        },
        [`${id('O-G')}:${id('P3')}:sourced`]: {
          role: 'Sourced',
          percent: 100,
          amount: 30_000,
          model: 'All sourcing credit to one partner',
        },
      });
      expect(fieldsOf(h.sf, 'Opportunity', oa, ['PS_Influencing_Partners__c'])).toEqual({
        PS_Influencing_Partners__c: 'Contoso Integrations',
      });
    },
  );
});
