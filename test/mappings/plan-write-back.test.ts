import { describe, expect, it } from 'vitest';
import { planWriteBack } from '../../mappings/engine.js';
import { loadDefaultMapping } from './load-default.js';

const sf = loadDefaultMapping('salesforce');
const hs = loadDefaultMapping('hubspot');

describe('planWriteBack', () => {
  it('maps a duplicate decision on a Salesforce Lead to the PS_ fields with picklist labels', () => {
    const r = planWriteBack(
      sf,
      'person',
      {
        duplicateStatus: 'possible',
        duplicateOf: '00Q000000000001AAA',
        duplicateOfLead: '00Q000000000001AAA',
        duplicateOfContact: null,
        duplicateOfName: 'Robert Miller',
        duplicatePercent: 72,
        duplicateReason: 'same email; name Bob ≈ Robert',
      },
      { objectType: 'Lead', id: '00Q000000000002AAA' },
    );
    expect(r).toEqual({
      ok: true,
      plan: {
        target: 'lead',
        objectType: 'Lead',
        operation: 'update',
        id: '00Q000000000002AAA',
        idField: 'Id',
        fields: {
          PS_Duplicate_Status__c: 'Possible Duplicate',
          PS_Duplicate_Of__c: '00Q000000000001AAA',
          PS_Duplicate_Of_Lead__c: '00Q000000000001AAA',
          PS_Duplicate_Of_Contact__c: null,
          PS_Duplicate_Of_Name__c: 'Robert Miller',
          PS_Duplicate_Likelihood__c: 72,
          PS_Duplicate_Reason__c: 'same email; name Bob ≈ Robert',
        },
        skipped: [],
      },
    });
  });

  it('picks the Contact target by object type', () => {
    const r = planWriteBack(
      sf,
      'person',
      { duplicateStatus: 'unique', duplicateOf: null },
      { objectType: 'Contact', id: '003A' },
    );
    expect(r.ok && r.plan).toMatchObject({
      target: 'contact',
      fields: { PS_Duplicate_Status__c: 'Unique', PS_Duplicate_Of__c: null },
    });
  });

  it('joins and truncates influencing partners on a Salesforce Opportunity', () => {
    const many = Array.from({ length: 40 }, (_, i) => `001${String(i).padStart(15, '0')}`);
    const r = planWriteBack(
      sf,
      'opportunity',
      {
        partnerSourced: true,
        sourcingPartnerId: '001P',
        partnerInfluenced: true,
        influencingPartners: many,
        attributionModel: 'Split equally between 39 partners',
      },
      { id: '006A' },
    );
    const fields = r.ok ? r.plan.fields : {};
    expect(fields).toMatchObject({
      PS_Partner_Sourced__c: true,
      PS_Sourcing_Partner__c: '001P',
      PS_Attribution_Model__c: 'Split equally between 39 partners',
    });
    expect(String(fields.PS_Influencing_Partners__c)).toHaveLength(255);
    expect(String(fields.PS_Influencing_Partners__c).startsWith(`${many[0]}; ${many[1]}`)).toBe(true);
  });

  it('upserts an attribution junction record by its external key', () => {
    const r = planWriteBack(
      sf,
      'attribution',
      {
        opportunityId: '006A',
        partnerId: '001P',
        role: 'sourced',
        creditPercent: 100,
        creditedAmount: 48000,
        model: 'linear',
        evidence: 'registration a01…',
      },
      { externalKey: '006A:001P:sourced' },
    );
    expect(r).toMatchObject({
      ok: true,
      plan: {
        objectType: 'PS_Partner_Attribution__c',
        operation: 'upsert',
        id: '006A:001P:sourced',
        idField: 'External_Key__c',
        fields: {
          External_Key__c: '006A:001P:sourced',
          Role__c: 'Sourced',
          Credit_Percent__c: 100,
          Partner__c: '001P',
        },
      },
    });
  });

  it('writes HubSpot values as strings, with empty string for null', () => {
    const r = planWriteBack(
      hs,
      'person',
      { duplicateStatus: 'duplicate', duplicatePercent: 97, duplicateOf: null, partnerId: '9500' },
      { id: '5101' },
    );
    expect(r.ok && r.plan).toMatchObject({
      objectType: 'contacts',
      idField: 'id',
      fields: {
        ps_duplicate_status: 'Duplicate',
        ps_duplicate_likelihood: '97',
        ps_duplicate_of: '',
        ps_partner_id: '9500',
      },
    });
    const deal = planWriteBack(
      hs,
      'opportunity',
      { partnerSourced: false, influencingPartners: ['9500', '9600'] },
      { id: '7001' },
    );
    expect(deal.ok && deal.plan.fields).toEqual({
      ps_partner_sourced: 'false',
      ps_influencing_partners: '9500;9600',
    });
  });

  it('lists decision fields the target does not write as skipped', () => {
    const r = planWriteBack(sf, 'registration', { status: 'approved', territory: 'EMEA' }, { id: 'a01A' });
    expect(r.ok && r.plan).toMatchObject({ fields: { Status__c: 'Approved' }, skipped: ['territory'] });
  });

  it('rejects a decision value of the wrong type, naming the decision field', () => {
    const r = planWriteBack(sf, 'person', { duplicateScore: 1.7 }, { objectType: 'Lead', id: '00QA' });
    expect(r).toMatchObject({ ok: false, issues: [{ path: 'decision.duplicateScore' }] });
  });

  it('asks for the object type when several targets take the entity', () => {
    const r = planWriteBack(sf, 'person', { duplicateStatus: 'unique' }, { id: '00QA' });
    expect(r).toMatchObject({
      ok: false,
      issues: [{ path: 'writeBack', message: expect.stringContaining('pass objectType') }],
    });
  });
});
