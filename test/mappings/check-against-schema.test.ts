import { describe, expect, it } from 'vitest';
import {
  checkAgainstSchema,
  checkAgainstSchemaWithNotes,
  type DescribeData,
} from '../../mappings/check-against-schema.js';
import type { Mapping } from '../../mappings/schema.js';

const mapping: Mapping = {
  version: 1,
  provider: 'salesforce',
  objects: {
    opp: {
      entity: 'opportunity',
      source: 'Opportunity',
      fields: {
        name: 'Name',
        accountId: 'Account.Name',
        currency: { const: 'USD' },
        stage: 'StageNam',
        isClosed: 'IsClosed',
        isWon: 'Description',
        createdAt: { from: 'CreatedDate', transform: 'datetime' },
        amount: 'Amount',
      },
    },
  },
  writeBack: {
    opp: {
      entity: 'opportunity',
      object: 'Opportunity',
      fields: { partnerSourced: 'PS_Partner_Sourced__c', attributionModel: 'PS_Atribution_Model__c' },
    },
  },
};

const describeData: DescribeData = {
  Opportunity: [
    { name: 'Id', type: 'id' },
    { name: 'Name', type: 'string' },
    { name: 'AccountId', type: 'reference' },
    { name: 'StageName', type: 'picklist' },
    { name: 'IsClosed', type: 'boolean' },
    { name: 'Description', type: 'textarea' },
    { name: 'CreatedDate', type: 'datetime' },
    { name: 'Amount', type: 'currency' },
    { name: 'PS_Partner_Sourced__c', type: 'string' },
    { name: 'PS_Attribution_Model__c', type: 'picklist' },
  ],
};

describe('checkAgainstSchema', () => {
  it('flags missing CRM fields with suggestions and types that do not fit', () => {
    expect(checkAgainstSchema(mapping, describeData)).toEqual([
      {
        path: 'objects.opp.fields.stage.from',
        message: 'Opportunity has no field "StageNam"',
        suggestion: 'StageName',
      },
      {
        path: 'objects.opp.fields.isWon.from',
        message: 'Opportunity.Description is a textarea field, but isWon is a boolean (add a transform)',
        suggestion: null,
      },
      {
        path: 'writeBack.opp.fields.partnerSourced',
        message: 'Opportunity.PS_Partner_Sourced__c is a string field, but partnerSourced is a boolean',
        suggestion: null,
      },
      {
        path: 'writeBack.opp.fields.attributionModel',
        message: 'Opportunity has no field "PS_Atribution_Model__c"',
        suggestion: 'PS_Attribution_Model__c',
      },
    ]);
  });

  it('flags a source object the CRM does not have', () => {
    expect(checkAgainstSchema(mapping, { Opportunities: [] })[0]).toEqual({
      path: 'objects.opp.source',
      message: 'the CRM has no object "Opportunity"',
      suggestion: 'Opportunities',
    });
  });
});

describe('checkAgainstSchemaWithNotes', () => {
  const opp = (fields: Mapping['objects'][string]['fields']): Mapping => ({
    version: 1,
    provider: 'salesforce',
    objects: { opp: { entity: 'opportunity', source: 'Opportunity', fields } },
  });

  it('notes, rather than fails, a field only orgs with a setting on have (CurrencyIsoCode)', () => {
    const result = checkAgainstSchemaWithNotes(
      opp({ currency: { from: 'CurrencyIsoCode', transform: 'currency' } }),
      describeData,
    );
    expect(result.issues).toEqual([]);
    expect(result.notes).toEqual([
      {
        path: 'objects.opp.fields.currency.from',
        message:
          'Opportunity has no field "CurrencyIsoCode" (only orgs with multiple currencies enabled have it); it reads as empty',
        suggestion: null,
      },
    ]);
  });

  it('does not type-check a reference: it holds a record id whatever the CRM type (HubSpot numbers)', () => {
    const mapping: Mapping = {
      version: 1,
      provider: 'hubspot',
      objects: {
        company: { entity: 'account', source: 'companies', fields: { name: 'name' } },
        contact: {
          entity: 'person',
          source: 'contacts',
          fields: { accountId: { from: 'associatedcompanyid', ref: { object: 'company' } } },
        },
      },
    };
    const describe: DescribeData = {
      companies: [{ name: 'name', type: 'string' }],
      contacts: [{ name: 'associatedcompanyid', type: 'number' }],
    };
    expect(checkAgainstSchema(mapping, describe)).toEqual([]);
  });
});
