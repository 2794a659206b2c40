import type { RecordStore, StoredRecord } from '../../connectors/sandbox/store.js';

/** One "Why?" link per kind of decision, read back from a CRM's "Why?" field as a rep would click it. */
export interface DemoWhyLink {
  readonly crm: string;
  readonly kind:
    'duplicate' | 'rejected registration' | 'converted registration' | 'sourced + influenced deal';
  readonly record: string;
  readonly url: string;
}

const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
const yes = (v: unknown): boolean => v === true || v === 'true';

interface CrmFields {
  readonly crm: string;
  readonly people: readonly string[];
  readonly registration: string;
  readonly deal: string;
  readonly why: { readonly person: string; readonly registration: string; readonly deal: string };
  readonly f: {
    dupStatus: string;
    regStatus: string;
    customer: string;
    sourced: string;
    influenced: string;
    dealName: string;
  };
}

function first(
  crm: CrmFields,
  store: RecordStore,
  objects: readonly string[],
  whyField: string,
  kind: DemoWhyLink['kind'],
  pick: (r: StoredRecord) => boolean,
  label: (r: StoredRecord) => string,
): DemoWhyLink[] {
  for (const object of objects)
    for (const r of store.list(object))
      if (pick(r) && str(r.fields[whyField]) !== '')
        return [{ crm: crm.crm, kind, record: `${object} ${label(r)}`, url: str(r.fields[whyField]) }];
  return [];
}

function linksOf(crm: CrmFields, store: RecordStore): DemoWhyLink[] {
  const { f, why } = crm;
  const status = (r: StoredRecord): string => str(r.fields[f.regStatus]).toLowerCase();
  const name = (r: StoredRecord): string =>
    [r.fields['FirstName'] ?? r.fields['firstname'], r.fields['LastName'] ?? r.fields['lastname']]
      .map(str)
      .join(' ')
      .trim();
  return [
    ...first(
      crm,
      store,
      crm.people,
      why.person,
      'duplicate',
      (r) => str(r.fields[f.dupStatus]) === 'Duplicate',
      name,
    ),
    ...first(
      crm,
      store,
      [crm.registration],
      why.registration,
      'rejected registration',
      (r) => status(r) === 'rejected',
      (r) => str(r.fields[f.customer]),
    ),
    ...first(
      crm,
      store,
      [crm.registration],
      why.registration,
      'converted registration',
      (r) => status(r) === 'converted',
      (r) => str(r.fields[f.customer]),
    ),
    ...first(
      crm,
      store,
      [crm.deal],
      why.deal,
      'sourced + influenced deal',
      (r) => yes(r.fields[f.sourced]) && yes(r.fields[f.influenced]),
      (r) => str(r.fields[f.dealName]),
    ),
  ];
}

export function demoWhyLinks(salesforce: RecordStore, hubspot: RecordStore): DemoWhyLink[] {
  return [
    ...linksOf(
      {
        crm: 'Salesforce',
        people: ['Lead', 'Contact'],
        registration: 'PS_Deal_Registration__c',
        deal: 'Opportunity',
        why: { person: 'PS_Why_Link__c', registration: 'Why_Link__c', deal: 'PS_Why_Link__c' },
        f: {
          dupStatus: 'PS_Duplicate_Status__c',
          regStatus: 'Status__c',
          customer: 'Customer_Company__c',
          sourced: 'PS_Partner_Sourced__c',
          influenced: 'PS_Partner_Influenced__c',
          dealName: 'Name',
        },
      },
      salesforce,
    ),
    ...linksOf(
      {
        crm: 'HubSpot',
        people: ['contacts'],
        registration: 'ps_deal_registration',
        deal: 'deals',
        why: { person: 'ps_why_link', registration: 'ps_why_link', deal: 'ps_why_link' },
        f: {
          dupStatus: 'ps_duplicate_status',
          regStatus: 'ps_status',
          customer: 'ps_customer_company',
          sourced: 'ps_partner_sourced',
          influenced: 'ps_partner_influenced',
          dealName: 'dealname',
        },
      },
      hubspot,
    ),
  ];
}
