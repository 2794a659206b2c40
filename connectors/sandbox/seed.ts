import type { Associations } from './hubspot/associations.js';
import { adminActor as hsAdmin, type HsPortal } from './hubspot/portal.js';
import { adminActor as sfAdmin, type SfOrg } from './salesforce/org.js';
import { field } from './salesforce/schema.js';

/** A small, realistic partner-program data set shared by both sandboxes. */
const PARTNERS = [
  {
    name: 'Northwind Resellers',
    type: 'Channel Partner / Reseller',
    tier: 'Platinum',
    domain: 'northwind-resellers.example',
    country: 'United States',
  },
  {
    name: 'Contoso Integrations GmbH',
    type: 'Installation Partner',
    tier: 'Gold',
    domain: 'contoso-integrations.example',
    country: 'Germany',
  },
  {
    name: 'Fabrikam Cloud Ltd',
    type: 'Technology Partner',
    tier: 'Silver',
    domain: 'fabrikam.example',
    country: 'United Kingdom',
  },
  {
    name: 'Tailspin Partners',
    type: 'Channel Partner / Reseller',
    tier: 'Registered',
    domain: 'tailspin.example',
    country: 'Australia',
  },
] as const;
const CUSTOMERS = [
  { name: 'Acme Corporation', domain: 'acme.example', industry: 'Manufacturing', country: 'United States' },
  { name: 'Globex, Inc.', domain: 'globex.example', industry: 'Technology', country: 'United States' },
  { name: 'Initech SA', domain: 'initech.example', industry: 'Finance', country: 'France' },
  { name: 'Umbrella Health', domain: 'umbrella-health.example', industry: 'Healthcare', country: 'Canada' },
] as const;
/** Leads, with deliberate duplicates: case/plus-tag email variants, nickname + same phone, gmail dots. */
const LEADS = [
  {
    FirstName: 'Jonathan',
    LastName: 'Smith',
    Company: 'Acme Corporation',
    Email: 'jonathan.smith@acme.example',
    Phone: '+1 415 555 0101',
  },
  {
    FirstName: 'Jon',
    LastName: 'Smith',
    Company: 'ACME Corp.',
    Email: 'Jonathan.Smith+events@acme.example',
    Phone: '(415) 555-0101',
  },
  {
    FirstName: 'Maria',
    LastName: 'García',
    Company: 'Initech SA',
    Email: 'maria.garcia@initech.example',
    Phone: '+33 1 70 00 00 01',
  },
  {
    FirstName: 'Maria',
    LastName: 'Garcia',
    Company: 'Initech',
    Email: 'm.garcia@initech.example',
    Phone: '+33170000001',
  },
  {
    FirstName: 'Wei',
    LastName: 'Chen',
    Company: 'Globex, Inc.',
    Email: 'wei.chen@globex.example',
    Phone: '+1 650 555 0142',
  },
  { FirstName: 'Sam', LastName: 'Taylor', Company: 'Sam Taylor', Email: 'sam.taylor@gmail.com', Phone: null },
  {
    FirstName: 'Samuel',
    LastName: 'Taylor',
    Company: 'Freelance',
    Email: 'samtaylor@gmail.com',
    Phone: null,
  },
  {
    FirstName: 'Priya',
    LastName: 'Natarajan',
    Company: 'Umbrella Health',
    Email: 'priya@umbrella-health.example',
    Phone: '+1 416 555 0199',
  },
] as const;

export function seedSalesforce(org: SfOrg): void {
  const reg = org.addCustomObject('Deal_Registration__c', 'Deal Registration', 'Deal Registrations', true);
  for (const f of [
    field('Partner_Account__c', {
      type: 'reference',
      referenceTo: ['Account'],
      relationshipName: 'Partner_Account__r',
    }),
    field('Customer_Company__c', { type: 'string' }),
    field('Customer_Domain__c', { type: 'string' }),
    field('Status__c', {
      type: 'picklist',
      picklistValues: ['Submitted', 'Approved', 'Rejected', 'Expired'],
    }),
    field('Amount__c', { type: 'currency' }),
  ]) {
    org.addField(reg.name, f);
  }
  const s = org.store;
  const partners = PARTNERS.map((p) =>
    s.create(
      'Account',
      {
        Name: p.name,
        Type: p.type,
        Partner_Tier__c: p.tier,
        IsPartner: true,
        Website: `https://${p.domain}`,
        BillingCountry: p.country,
      },
      sfAdmin,
    ),
  );
  const customers = CUSTOMERS.map((c) =>
    s.create(
      'Account',
      {
        Name: c.name,
        Type: 'Customer - Direct',
        Industry: c.industry,
        Website: `https://www.${c.domain}`,
        BillingCountry: c.country,
      },
      sfAdmin,
    ),
  );
  LEADS.forEach((l, i) =>
    s.create(
      'Lead',
      { ...l, LeadSource: i % 3 === 0 ? 'Partner Referral' : 'Web', Status: 'Open - Not Contacted' },
      sfAdmin,
    ),
  );
  customers.forEach((c, i) => {
    const first = ['Alice', 'Bob', 'Chloé', 'Dmitri'][i] ?? 'Pat';
    s.create(
      'Contact',
      {
        FirstName: first,
        LastName: 'Customer',
        AccountId: c.id,
        Email: `${first.toLowerCase().replace('é', 'e')}@${CUSTOMERS[i]?.domain ?? 'example.com'}`,
      },
      sfAdmin,
    );
  });
  partners.forEach((p, i) =>
    s.create(
      'Contact',
      {
        FirstName: 'Partner',
        LastName: `Manager ${i + 1}`,
        AccountId: p.id,
        Email: `pm@${PARTNERS[i]?.domain ?? 'example.com'}`,
      },
      sfAdmin,
    ),
  );
  const stages = ['Prospecting', 'Qualification', 'Negotiation/Review', 'Closed Won'];
  customers.forEach((c, i) =>
    s.create(
      'Opportunity',
      {
        Name: `${CUSTOMERS[i]?.name ?? 'Customer'} - Platform`,
        AccountId: c.id,
        StageName: stages[i] ?? 'Prospecting',
        CloseDate: `2026-0${i + 3}-15`,
        Amount: 25_000 * (i + 1),
        LeadSource: i === 0 ? 'Partner Referral' : 'Web',
      },
      sfAdmin,
    ),
  );
  const regStatus = ['Approved', 'Submitted', 'Approved', 'Rejected'];
  CUSTOMERS.forEach((_c, i) => {
    const partner = partners[i % 2 === 0 ? 0 : 1];
    if (partner)
      s.create(
        reg.name,
        {
          Partner_Account__c: partner.id,
          Customer_Company__c: CUSTOMERS[i]?.name ?? '',
          Customer_Domain__c: CUSTOMERS[i]?.domain ?? '',
          Status__c: regStatus[i] ?? 'Submitted',
          Amount__c: 20_000 * (i + 1),
        },
        sfAdmin,
      );
  });
}

export function seedHubspot(portal: HsPortal, associations: Associations): void {
  const s = portal.store;
  const companies = [
    ...PARTNERS.map((p) =>
      s.create(
        'companies',
        {
          name: p.name,
          domain: p.domain,
          type: p.type.includes('Reseller') ? 'RESELLER' : 'PARTNER',
          partner_tier: p.tier.toLowerCase(),
          country: p.country,
        },
        hsAdmin,
      ),
    ),
    ...CUSTOMERS.map((c) =>
      s.create(
        'companies',
        { name: c.name, domain: c.domain, type: 'PROSPECT', industry: c.industry, country: c.country },
        hsAdmin,
      ),
    ),
  ];
  const contacts = LEADS.map((l) =>
    s.create(
      'contacts',
      {
        firstname: l.FirstName,
        lastname: l.LastName,
        email: l.Email.toLowerCase(),
        company: l.Company,
        phone: l.Phone,
        lifecyclestage: 'lead',
      },
      hsAdmin,
    ),
  );
  const primary = associations.definitions('contacts', 'companies').find((d) => d.label === 'Primary');
  contacts.forEach((c, i) => {
    const company = companies[PARTNERS.length + (i >> 1)];
    if (company && primary && i < 8)
      associations.associate('contacts', c.id, 'companies', company.id, [
        associations.defaultType('contacts', 'companies'),
        primary,
      ]);
  });
  CUSTOMERS.forEach((c, i) => {
    const deal = s.create(
      'deals',
      {
        dealname: `${c.name} - Platform`,
        amount: String(25_000 * (i + 1)),
        pipeline: 'default',
        dealstage: i === 3 ? 'closedwon' : 'qualifiedtobuy',
        closedate: `2026-0${i + 3}-15T00:00:00.000Z`,
      },
      hsAdmin,
    );
    const company = companies[PARTNERS.length + i];
    // A deal created in HubSpot's UI from its company gets the unlabelled and the Primary type.
    const primaryDeal = associations.definitions('deals', 'companies').find((d) => d.label === 'Primary');
    if (company)
      associations.associate('deals', deal.id, 'companies', company.id, [
        associations.defaultType('deals', 'companies'),
        ...(primaryDeal === undefined ? [] : [primaryDeal]),
      ]);
    const reg = s.create(
      'deals',
      {
        dealname: `Registration: ${c.name} via ${PARTNERS[i % 2]?.name ?? ''}`,
        amount: String(20_000 * (i + 1)),
        pipeline: 'partner_registrations',
        dealstage:
          i === 3
            ? 'registration_rejected'
            : i % 2 === 0
              ? 'registration_approved'
              : 'registration_submitted',
      },
      hsAdmin,
    );
    const partner = companies[i % 2];
    if (partner)
      associations.associate('deals', reg.id, 'companies', partner.id, [
        associations.defaultType('deals', 'companies'),
      ]);
  });
}
