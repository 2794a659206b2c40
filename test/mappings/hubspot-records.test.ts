import { describe, expect, it } from 'vitest';
import { mapRecord } from '../../mappings/engine.js';
import { loadDefaultMapping } from './load-default.js';

const mapping = loadDefaultMapping('hubspot');
const ctx = { connection: 'hs-portal' };
const ref = (objectType: string, id: string) => [{ connection: 'hs-portal', objectType, id }];

/** CRM v3 shape: every property value is a string (or null). */
const hs = (id: string, properties: Record<string, string | null>, extra: Record<string, unknown> = {}) => ({
  id,
  properties: { hs_object_id: id, ...properties },
  createdAt: '2024-01-10T08:00:00.000Z',
  updatedAt: '2024-03-01T12:30:00.000Z',
  archived: false,
  ...extra,
});

const contact = hs('5101', {
  firstname: 'Ana',
  lastname: 'García ',
  email: 'Ana.Garcia+crm@Example.es',
  phone: '612 34 56 78',
  mobilephone: '',
  company: 'Ejemplo SA',
  website: 'ejemplo.es',
  jobtitle: 'CFO',
  address: 'Calle Mayor 1',
  city: 'Madrid',
  zip: '28013',
  state: null,
  country: 'Spain',
  hs_country_region_code: 'ES',
  lifecyclestage: 'customer',
  associatedcompanyid: '9001',
  ps_partner_id: '9500',
});

const partnerCompany = hs('9500', {
  name: 'Northwind Partners',
  domain: 'northwind-partners.com',
  website: 'https://www.northwind-partners.com',
  phone: '+44 20 7946 0958',
  city: 'London',
  country: 'United Kingdom',
  type: 'PARTNER',
  ps_partner_type: 'msp',
  ps_partner_tier: 'Silver',
  ps_partner_status: 'active',
  ps_territories: 'EMEA',
});

const deal = hs(
  '7001',
  {
    dealname: 'Ejemplo renewal',
    amount: '12500.50',
    deal_currency_code: 'eur',
    dealstage: 'closedwon',
    createdate: '2024-02-01T09:00:00.000Z',
    closedate: '1714478400000',
    ps_sourcing_partner_id: null,
  },
  {
    associations: {
      companies: {
        results: [
          { id: '9001', type: 'deal_to_company' },
          { id: '9001', type: 'deal_to_company_unlabeled' },
          { id: '9500', type: 'deal_to_company_unlabeled' },
          { id: '9500', type: 'partner' },
        ],
      },
    },
  },
);

const registration = hs('2-4711', {
  ps_partner_id: '9500',
  ps_customer_company: 'Ejemplo SA',
  ps_customer_domain: 'https://ejemplo.es',
  ps_contact_email: 'ana.garcia@ejemplo.es',
  ps_contact_firstname: 'Ana',
  ps_contact_lastname: null,
  ps_amount: '20000',
  ps_currency: 'EUR',
  ps_expected_close: '2024-06-30',
  ps_territory: 'EMEA',
  ps_status: 'pending_review',
  ps_reason: 'same domain as an open deal',
  ps_submitted_at: '2024-01-20T10:00:00Z',
  ps_decided_at: null,
  ps_expires_on: null,
  ps_conflict_with: null,
  ps_opportunity_id: null,
});

const cases = [
  {
    name: 'a customer contact maps to a person of kind contact',
    objectType: 'contacts',
    record: contact,
    expected: [
      {
        kind: 'person',
        entity: {
          id: '5101',
          kind: 'contact',
          firstName: 'Ana',
          lastName: 'García',
          email: 'ana.garcia+crm@example.es',
          phone: '+34612345678',
          mobilePhone: null,
          company: 'Ejemplo SA',
          website: 'ejemplo.es',
          title: 'CFO',
          street: 'Calle Mayor 1',
          city: 'Madrid',
          postalCode: '28013',
          state: null,
          country: 'Spain',
          accountId: '9001',
          partnerId: '9500',
          convertedOpportunityId: null,
          duplicateDismissed: false,
          dismissedDuplicateOf: null,
          dismissedBy: null,
          dismissedAt: null,
          createdAt: '2024-01-10T08:00:00.000Z',
          updatedAt: '2024-03-01T12:30:00.000Z',
          refs: ref('contacts', '5101'),
        },
      },
    ],
  },
  {
    name: 'a contact in lifecycle stage lead maps to a person of kind lead',
    objectType: 'contacts',
    record: { ...contact, properties: { ...contact.properties, lifecyclestage: 'marketingqualifiedlead' } },
    expectKind: 'lead',
  },
  {
    name: 'a company of type PARTNER maps to a partner and an account',
    objectType: 'companies',
    record: partnerCompany,
    expected: [
      {
        kind: 'partner',
        entity: {
          id: '9500',
          name: 'Northwind Partners',
          type: 'msp',
          tier: 'Silver',
          domains: ['northwind-partners.com'],
          status: 'active',
          territories: ['EMEA'],
          refs: ref('companies', '9500'),
        },
      },
      {
        kind: 'account',
        entity: {
          id: '9500',
          name: 'Northwind Partners',
          domain: 'northwind-partners.com',
          website: 'https://www.northwind-partners.com',
          phone: '+442079460958',
          city: 'London',
          country: 'United Kingdom',
          isPartner: true,
          createdAt: '2024-01-10T08:00:00.000Z',
          updatedAt: '2024-03-01T12:30:00.000Z',
          refs: ref('companies', '9500'),
        },
      },
    ],
  },
  {
    name: 'a won deal maps to an opportunity and one touch per Partner-labelled company',
    objectType: 'deals',
    record: deal,
    expected: [
      {
        kind: 'opportunity',
        entity: {
          id: '7001',
          name: 'Ejemplo renewal',
          accountId: '9001',
          amount: 12500.5,
          currency: 'EUR',
          stage: 'closedwon',
          isClosed: true,
          isWon: true,
          createdAt: '2024-02-01T09:00:00.000Z',
          closedAt: '2024-04-30T12:00:00.000Z',
          sourceLeadId: null,
          partnerId: null,
          refs: ref('deals', '7001'),
        },
      },
      {
        kind: 'touch',
        entity: {
          id: '7001:9500',
          partnerId: '9500',
          opportunityId: '7001',
          accountId: null,
          kind: 'association',
          occurredAt: '2024-02-01T09:00:00.000Z',
          source: { connection: 'hs-portal', objectType: 'deals', id: '7001' },
        },
      },
    ],
  },
  {
    name: 'a registration custom object record maps to a registration',
    objectType: 'ps_deal_registration',
    record: registration,
    expected: [
      {
        kind: 'registration',
        entity: {
          id: '2-4711',
          partnerId: '9500',
          customerCompany: 'Ejemplo SA',
          customerDomain: 'ejemplo.es',
          contactEmail: 'ana.garcia@ejemplo.es',
          contactName: 'Ana',
          amount: 20000,
          currency: 'EUR',
          expectedClose: '2024-06-30',
          territory: 'EMEA',
          status: 'pending_review',
          reason: 'same domain as an open deal',
          submittedAt: '2024-01-20T10:00:00.000Z',
          decidedAt: null,
          expiresOn: null,
          conflictWith: null,
          opportunityId: null,
          refs: ref('ps_deal_registration', '2-4711'),
        },
      },
    ],
  },
];

describe('mapRecord with the default HubSpot mapping', () => {
  it.each(cases)('$name', ({ objectType, record, expected, expectKind }) => {
    const result = mapRecord(mapping, objectType, record, ctx);
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (expected !== undefined) expect(result.entities.map((e) => e.entity)).toEqual(expected);
    if (expectKind !== undefined)
      expect(result.entities[0]?.entity.entity).toMatchObject({ kind: expectKind });
  });

  it('an open deal has no close time and no partner touch without a Partner label', () => {
    const open = {
      ...deal,
      properties: { ...deal.properties, dealstage: 'appointmentscheduled' },
      associations: {},
    };
    const result = mapRecord(mapping, 'deals', open, ctx);
    expect(result.entities.map((e) => e.entity.kind)).toEqual(['opportunity']);
    expect(result.entities[0]?.entity.entity).toMatchObject({
      isClosed: false,
      isWon: false,
      closedAt: null,
      accountId: null,
    });
  });

  it('a deal amount that is not a number is an issue at the amount transform', () => {
    const bad = { ...deal, properties: { ...deal.properties, amount: '12k' } };
    expect(mapRecord(mapping, 'deals', bad, ctx)).toMatchObject({
      ok: false,
      issues: [{ path: 'objects.deal.fields.amount.transform', message: 'cannot read "12k" as a number' }],
    });
  });
});
