import { describe, expect, it } from 'vitest';
import { v3AssociationType } from '../../connectors/hubspot/associations.js';
import { planWriteBack } from '../../mappings/plan-write-back.js';
import { splitAssociations } from '../../jobs/write-back/association-writes.js';
import { loadDefaultMapping } from './load-default.js';

describe('HubSpot associations in write-back plans', () => {
  const hs = loadDefaultMapping('hubspot');
  const sf = loadDefaultMapping('salesforce');
  const row = { opportunityId: 'D1', partnerId: 'C9', role: 'sourced', creditPercent: 100 } as const;

  it('a junction row carries its deal and partner company as associations', () => {
    const r = planWriteBack(hs, 'attribution', row, { externalKey: 'D1:C9:sourced' });
    expect(r.ok && r.plan.fields).toEqual({
      ps_opportunity_id: 'D1',
      ps_partner_id: 'C9',
      '@assoc:deals': 'D1',
      '@assoc:companies': 'C9',
      ps_role: 'sourced',
      ps_credit_percent: '100',
      ps_external_key: 'D1:C9:sourced',
    });
    const split = splitAssociations(r.ok ? r.plan.fields : {});
    expect(split.associations).toEqual([
      { toType: 'deals', toId: 'D1' },
      { toType: 'companies', toId: 'C9' },
    ]);
    expect(Object.keys(split.properties).some((k) => k.startsWith('@'))).toBe(false);
  });

  it('a conversion writes the deal id and associates the registration; cleared ids associate nothing', () => {
    const r = planWriteBack(hs, 'registration', { status: 'converted', opportunityId: 'D1' }, { id: 'R1' });
    expect(r.ok && r.plan.fields).toMatchObject({ ps_opportunity_id: 'D1', '@assoc:deals': 'D1' });
    const cleared = planWriteBack(hs, 'registration', { opportunityId: null }, { id: 'R1' });
    expect(cleared.ok && cleared.plan.fields).toEqual({ ps_opportunity_id: '' });
  });

  it('Salesforce relates by lookup fields: no association pseudo-fields', () => {
    const r = planWriteBack(sf, 'attribution', row, { externalKey: 'k' });
    expect(Object.keys(r.ok ? r.plan.fields : {}).filter((k) => k.startsWith('@'))).toEqual([]);
  });

  it.each([
    ['deals', 'companies', { category: 'HUBSPOT_DEFINED', label: 'Primary' }, 'deal_to_company'],
    ['deals', 'companies', { category: 'HUBSPOT_DEFINED', label: null }, 'deal_to_company_unlabeled'],
    ['deals', 'companies', { category: 'USER_DEFINED', label: 'Partner' }, 'partner'],
    ['contacts', 'deals', { category: 'HUBSPOT_DEFINED', label: null }, 'contact_to_deal'],
    ['deals', 'companies', { category: 'USER_DEFINED', label: 'Referral Partner' }, 'referral_partner'],
  ] as const)('v4 %s → %s %j reads as v3 type %s', (from, to, t, expected) => {
    expect(v3AssociationType(from, to, t)).toBe(expected);
  });
});
