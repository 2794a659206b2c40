import { describe, expect, it } from 'vitest';
import { mapRecord } from '../../mappings/engine.js';
import { loadDefaultMapping } from './load-default.js';

const mapping = loadDefaultMapping('salesforce');
const ctx = { connection: 'sf-prod' };
const ref = (objectType: string, id: string) => [{ connection: 'sf-prod', objectType, id }];
const attributes = (type: string, id: string) => ({
  type,
  url: `/services/data/v62.0/sobjects/${type}/${id}`,
});

const lead = {
  attributes: attributes('Lead', '00Q5e00000AbCdEAAA'),
  Id: '00Q5e00000AbCdEAAA',
  FirstName: ' Robert ',
  LastName: 'Smith',
  Email: 'Bob.Smith@Example.COM',
  Phone: '(415) 555-0132',
  MobilePhone: null,
  Company: 'Acme Corp ',
  Website: 'www.acme.com',
  Title: 'CTO',
  Street: '1 Market St',
  City: 'San Francisco',
  PostalCode: '94105',
  State: 'CA',
  Country: 'United States',
  CountryCode: 'US',
  ConvertedAccountId: null,
  ConvertedOpportunityId: null,
  PS_Partner__c: '0015e00000PartnAAA',
  CreatedDate: '2024-03-01T17:30:00.000+0000',
  LastModifiedDate: '2024-03-02T08:00:00.000+0000',
};

const contact = {
  attributes: attributes('Contact', '0035e00000XyZaBAAV'),
  Id: '0035e00000XyZaBAAV',
  FirstName: 'Jürgen',
  LastName: 'Müller',
  Email: 'j.mueller@beispiel.de',
  Phone: '030 123456',
  MobilePhone: '+49 151 23456789',
  Title: null,
  MailingStreet: 'Hauptstr. 1',
  MailingCity: 'Berlin',
  MailingPostalCode: '10115',
  MailingState: null,
  MailingCountry: 'Germany',
  MailingCountryCode: 'DE',
  AccountId: '0015e00000CustoAAA',
  Account: {
    attributes: attributes('Account', '0015e00000CustoAAA'),
    Name: 'Beispiel GmbH',
    Website: 'https://beispiel.de/',
  },
  PS_Partner__c: null,
  CreatedDate: '2023-11-20T09:15:00.000+0000',
  LastModifiedDate: '2024-01-05T10:00:00.000+0000',
};

const partnerAccount = {
  attributes: attributes('Account', '0015e00000PartnAAA'),
  Id: '0015e00000PartnAAA',
  Name: 'Acme Consulting',
  Type: 'Channel Partner / Reseller',
  Website: 'http://www.acmeconsulting.com/about',
  Phone: '+1 212 555 0199',
  BillingCity: 'New York',
  BillingCountry: 'United States',
  BillingCountryCode: 'US',
  PS_Partner_Type__c: 'System Integrator',
  PS_Partner_Tier__c: 'Gold',
  PS_Partner_Status__c: 'Active',
  PS_Partner_Domains__c: 'acmeconsulting.com; acme-consulting.co.uk',
  PS_Territories__c: 'EMEA;NA',
  CreatedDate: '2022-05-01T12:00:00.000+0000',
  LastModifiedDate: '2024-02-01T12:00:00.000+0000',
};

const opportunity = {
  attributes: attributes('Opportunity', '0065e00000OpporAAA'),
  Id: '0065e00000OpporAAA',
  Name: 'Beispiel — Platform',
  AccountId: '0015e00000CustoAAA',
  Amount: 48000,
  CurrencyIsoCode: 'EUR',
  StageName: 'Closed Won',
  IsClosed: true,
  IsWon: true,
  CloseDate: '2024-04-30',
  CreatedDate: '2024-02-10T16:00:00.000+0000',
  PartnerAccountId: null,
};

const opportunityPartner = {
  attributes: attributes('OpportunityPartner', '00I5e00000OpPrtAAA'),
  Id: '00I5e00000OpPrtAAA',
  OpportunityId: '0065e00000OpporAAA',
  AccountToId: '0015e00000PartnAAA',
  Role: 'Reseller',
  IsPrimary: true,
  CreatedDate: '2024-02-12T10:00:00.000+0000',
};

const registration = {
  attributes: attributes('PS_Deal_Registration__c', 'a015e00000RegisAAA'),
  Id: 'a015e00000RegisAAA',
  Partner__c: '0015e00000PartnAAA',
  Customer_Company__c: 'Beispiel GmbH',
  Customer_Domain__c: null,
  Contact_Email__c: 'J.Mueller@Beispiel.de',
  Contact_First_Name__c: 'Jürgen',
  Contact_Last_Name__c: 'Müller',
  Amount__c: 50000,
  CurrencyIsoCode: null,
  Expected_Close__c: '2024-06-30',
  Territory__c: 'EMEA',
  Status__c: 'Approved',
  Reason__c: null,
  Submitted_At__c: null,
  Decided_At__c: '2024-01-16T09:00:00.000+0000',
  Expires_On__c: '2024-04-15',
  Conflict_With__c: null,
  Opportunity__c: '0065e00000OpporAAA',
  CreatedDate: '2024-01-15T14:00:00.000+0000',
};

const cases = [
  {
    name: 'a Lead with a partner maps to a person and a lead-source touch',
    objectType: 'Lead',
    record: lead,
    expected: [
      {
        kind: 'person',
        entity: {
          id: '00Q5e00000AbCdEAAA',
          kind: 'lead',
          firstName: 'Robert',
          lastName: 'Smith',
          email: 'bob.smith@example.com',
          phone: '+14155550132',
          mobilePhone: null,
          company: 'Acme Corp',
          website: 'www.acme.com',
          title: 'CTO',
          street: '1 Market St',
          city: 'San Francisco',
          postalCode: '94105',
          state: 'CA',
          country: 'United States',
          accountId: null,
          partnerId: '0015e00000PartnAAA',
          convertedOpportunityId: null,
          duplicateDismissed: false,
          dismissedDuplicateOf: null,
          dismissedBy: null,
          dismissedAt: null,
          createdAt: '2024-03-01T17:30:00.000Z',
          updatedAt: '2024-03-02T08:00:00.000Z',
          refs: ref('Lead', '00Q5e00000AbCdEAAA'),
        },
      },
      {
        kind: 'touch',
        entity: {
          id: '00Q5e00000AbCdEAAA',
          partnerId: '0015e00000PartnAAA',
          opportunityId: null,
          accountId: null,
          kind: 'lead_source',
          occurredAt: '2024-03-01T17:30:00.000Z',
          source: { connection: 'sf-prod', objectType: 'Lead', id: '00Q5e00000AbCdEAAA' },
        },
      },
    ],
  },
  {
    name: 'a Contact reads its company through the Account relationship and formats German phones',
    objectType: 'Contact',
    record: contact,
    expected: [
      {
        kind: 'person',
        entity: {
          id: '0035e00000XyZaBAAV',
          kind: 'contact',
          firstName: 'Jürgen',
          lastName: 'Müller',
          email: 'j.mueller@beispiel.de',
          phone: '+4930123456',
          mobilePhone: '+4915123456789',
          company: 'Beispiel GmbH',
          website: 'https://beispiel.de/',
          title: null,
          street: 'Hauptstr. 1',
          city: 'Berlin',
          postalCode: '10115',
          state: null,
          country: 'Germany',
          accountId: '0015e00000CustoAAA',
          partnerId: null,
          convertedOpportunityId: null,
          duplicateDismissed: false,
          dismissedDuplicateOf: null,
          dismissedBy: null,
          dismissedAt: null,
          createdAt: '2023-11-20T09:15:00.000Z',
          updatedAt: '2024-01-05T10:00:00.000Z',
          refs: ref('Contact', '0035e00000XyZaBAAV'),
        },
      },
    ],
  },
  {
    name: 'a partner Account maps to a partner and an account',
    objectType: 'Account',
    record: partnerAccount,
    expected: [
      {
        kind: 'partner',
        entity: {
          id: '0015e00000PartnAAA',
          name: 'Acme Consulting',
          type: 'si',
          tier: 'Gold',
          domains: ['acmeconsulting.com', 'acme-consulting.co.uk'],
          status: 'active',
          territories: ['EMEA', 'NA'],
          refs: ref('Account', '0015e00000PartnAAA'),
        },
      },
      {
        kind: 'account',
        entity: {
          id: '0015e00000PartnAAA',
          name: 'Acme Consulting',
          domain: 'acmeconsulting.com',
          website: 'http://www.acmeconsulting.com/about',
          phone: '+12125550199',
          city: 'New York',
          country: 'United States',
          isPartner: true,
          createdAt: '2022-05-01T12:00:00.000Z',
          updatedAt: '2024-02-01T12:00:00.000Z',
          refs: ref('Account', '0015e00000PartnAAA'),
        },
      },
    ],
  },
  {
    name: 'a customer Account maps to an account only',
    objectType: 'Account',
    record: {
      ...partnerAccount,
      Id: '0015e00000CustoAAA',
      Name: 'Beispiel GmbH',
      Type: 'Customer',
      Website: null,
      Phone: null,
    },
    expected: [
      {
        kind: 'account',
        entity: {
          id: '0015e00000CustoAAA',
          name: 'Beispiel GmbH',
          domain: null,
          website: null,
          phone: null,
          city: 'New York',
          country: 'United States',
          isPartner: false,
          createdAt: '2022-05-01T12:00:00.000Z',
          updatedAt: '2024-02-01T12:00:00.000Z',
          refs: ref('Account', '0015e00000CustoAAA'),
        },
      },
    ],
  },
  {
    name: 'a won Opportunity maps its close date in the org time zone',
    objectType: 'Opportunity',
    record: opportunity,
    expected: [
      {
        kind: 'opportunity',
        entity: {
          id: '0065e00000OpporAAA',
          name: 'Beispiel — Platform',
          accountId: '0015e00000CustoAAA',
          amount: 48000,
          currency: 'EUR',
          stage: 'Closed Won',
          isClosed: true,
          isWon: true,
          createdAt: '2024-02-10T16:00:00.000Z',
          closedAt: '2024-04-30T07:00:00.000Z',
          sourceLeadId: null,
          partnerId: null,
          refs: ref('Opportunity', '0065e00000OpporAAA'),
        },
      },
    ],
  },
  {
    name: 'an open Opportunity without a currency has no close time and the default currency',
    objectType: 'Opportunity',
    record: {
      ...opportunity,
      StageName: 'Prospecting',
      IsClosed: false,
      IsWon: false,
      CurrencyIsoCode: undefined,
      Amount: null,
    },
    expected: [
      {
        kind: 'opportunity',
        entity: {
          id: '0065e00000OpporAAA',
          name: 'Beispiel — Platform',
          accountId: '0015e00000CustoAAA',
          amount: null,
          currency: 'USD',
          stage: 'Prospecting',
          isClosed: false,
          isWon: false,
          createdAt: '2024-02-10T16:00:00.000Z',
          closedAt: null,
          sourceLeadId: null,
          partnerId: null,
          refs: ref('Opportunity', '0065e00000OpporAAA'),
        },
      },
    ],
  },
  {
    name: 'an OpportunityPartner maps to an opportunity-partner touch',
    objectType: 'OpportunityPartner',
    record: opportunityPartner,
    expected: [
      {
        kind: 'touch',
        entity: {
          id: '00I5e00000OpPrtAAA',
          partnerId: '0015e00000PartnAAA',
          opportunityId: '0065e00000OpporAAA',
          accountId: null,
          kind: 'opportunity_partner',
          occurredAt: '2024-02-12T10:00:00.000Z',
          source: { connection: 'sf-prod', objectType: 'OpportunityPartner', id: '00I5e00000OpPrtAAA' },
        },
      },
    ],
  },
  {
    name: 'an approved registration maps to a registration and a registration touch',
    objectType: 'PS_Deal_Registration__c',
    record: registration,
    expected: [
      {
        kind: 'registration',
        entity: {
          id: 'a015e00000RegisAAA',
          partnerId: '0015e00000PartnAAA',
          customerCompany: 'Beispiel GmbH',
          customerDomain: 'beispiel.de',
          contactEmail: 'j.mueller@beispiel.de',
          contactName: 'Jürgen Müller',
          amount: 50000,
          currency: 'USD',
          expectedClose: '2024-06-30',
          territory: 'EMEA',
          status: 'approved',
          reason: null,
          submittedAt: '2024-01-15T14:00:00.000Z',
          decidedAt: '2024-01-16T09:00:00.000Z',
          expiresOn: '2024-04-15',
          conflictWith: null,
          opportunityId: '0065e00000OpporAAA',
          refs: ref('PS_Deal_Registration__c', 'a015e00000RegisAAA'),
        },
      },
      {
        kind: 'touch',
        entity: {
          id: 'a015e00000RegisAAA',
          partnerId: '0015e00000PartnAAA',
          opportunityId: '0065e00000OpporAAA',
          accountId: null,
          kind: 'registration',
          occurredAt: '2024-01-15T14:00:00.000Z',
          source: { connection: 'sf-prod', objectType: 'PS_Deal_Registration__c', id: 'a015e00000RegisAAA' },
        },
      },
    ],
  },
];

describe('mapRecord with the default Salesforce mapping', () => {
  it.each(cases)('$name', ({ objectType, record, expected }) => {
    const result = mapRecord(mapping, objectType, record, ctx);
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(result.entities.map((e) => e.entity)).toEqual(expected);
  });

  it("reads a rep's Not a duplicate with the record it dismisses, who last changed the record and when", () => {
    const dismissed = {
      ...lead,
      PS_Duplicate_Status__c: 'Not a Duplicate',
      PS_Duplicate_Of__c: '003000000000001AAA',
      LastModifiedById: '0055e00000RepAAAA',
    };
    const result = mapRecord(mapping, 'Lead', dismissed, ctx);
    expect(result.entities[0]?.entity.entity).toMatchObject({
      duplicateDismissed: true,
      dismissedDuplicateOf: '003000000000001AAA',
      dismissedBy: '0055e00000RepAAAA',
      dismissedAt: '2024-03-02T08:00:00.000Z',
    });
    const flagged = { ...dismissed, PS_Duplicate_Status__c: 'Possible Duplicate' };
    expect(mapRecord(mapping, 'Lead', flagged, ctx).entities[0]?.entity.entity).toMatchObject({
      duplicateDismissed: false,
      dismissedDuplicateOf: null,
      dismissedBy: null,
    });
  });

  it('lists references for the caller to resolve', () => {
    const result = mapRecord(mapping, 'Lead', lead, ctx);
    expect(result.entities[0]?.references).toEqual([
      { field: 'partnerId', object: 'partner', by: 'id', externalIdField: null, value: '0015e00000PartnAAA' },
    ]);
  });

  it('returns an issue naming the field path when a record holds an unreadable value', () => {
    const result = mapRecord(mapping, 'Opportunity', { ...opportunity, Amount: 'lots' }, ctx);
    expect(result).toMatchObject({
      ok: false,
      issues: [
        { path: 'objects.opportunity.fields.amount.transform', message: 'cannot read "lots" as a number' },
      ],
    });
  });

  it('returns an issue naming the id field when a record has no id', () => {
    const noId: Record<string, unknown> = { ...opportunity };
    delete noId.Id;
    expect(mapRecord(mapping, 'Opportunity', noId, ctx)).toMatchObject({
      ok: false,
      issues: [{ path: 'objects.opportunity.idField', message: 'record has no id at "Id"' }],
    });
  });

  it('maps nothing for an object type the mapping does not cover', () => {
    expect(mapRecord(mapping, 'Case', { Id: '5005e00000CaseAAA' }, ctx)).toEqual({ ok: true, entities: [] });
  });
});
