import type { RecordStore, StoredRecord } from '../../connectors/sandbox/store.js';
import { demoWhyLinks, type DemoWhyLink } from './demo-why-links.js';

/** What the demo prints: read back from the sandboxes, i.e. exactly what a sales rep would see. */
export interface DemoSummary {
  readonly duplicates: {
    crm: string;
    object: string;
    name: string;
    status: string;
    of: string;
    score: string;
    reason: string;
  }[];
  readonly registrations: {
    crm: string;
    customer: string;
    partner: string;
    status: string;
    reason: string;
  }[];
  readonly revenue: { crm: string; partner: string; sourced: number; influenced: number }[];
  /** The "Why?" link of one record per kind of decision, as written into the CRM. */
  readonly whyLinks: DemoWhyLink[];
}

const str = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
const num = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : 0;

function nameOf(r: StoredRecord): string {
  const f = r.fields;
  const full = [f['FirstName'] ?? f['firstname'], f['LastName'] ?? f['lastname']]
    .map(str)
    .filter((s) => s !== '')
    .join(' ');
  return full !== '' ? full : str(f['Name'] ?? f['name'] ?? f['dealname'] ?? r.id);
}

function lookupName(store: RecordStore, types: readonly string[], id: string): string {
  for (const t of types) {
    const r = store.getAny(t, id);
    if (r !== undefined) return nameOf(r);
  }
  return id;
}

function duplicates(
  crm: string,
  store: RecordStore,
  objects: readonly string[],
  fields: { status: string; of: string; score: string; reason: string },
): DemoSummary['duplicates'] {
  return objects.flatMap((object) =>
    store
      .list(object)
      .filter((r) => {
        const s = str(r.fields[fields.status]);
        return s !== '' && s !== 'Unique';
      })
      .map((r) => ({
        crm,
        object,
        name: nameOf(r),
        status: str(r.fields[fields.status]),
        of: str(r.fields[fields.of]),
        score: str(r.fields[fields.score]) === '' ? '' : `${str(r.fields[fields.score])} %`,
        reason: str(r.fields[fields.reason]),
      })),
  );
}

function registrations(
  crm: string,
  store: RecordStore,
  object: string,
  partnerTypes: readonly string[],
  f: { customer: string; partner: string; status: string; reason: string },
): DemoSummary['registrations'] {
  return store.list(object).map((r) => ({
    crm,
    customer: str(r.fields[f.customer]),
    partner: lookupName(store, partnerTypes, str(r.fields[f.partner])),
    status: str(r.fields[f.status]),
    reason: str(r.fields[f.reason]),
  }));
}

function revenue(
  crm: string,
  store: RecordStore,
  object: string,
  partnerTypes: readonly string[],
  f: { partner: string; role: string; amount: string },
): DemoSummary['revenue'] {
  const byPartner = new Map<string, { sourced: number; influenced: number }>();
  for (const r of store.list(object)) {
    const partner = lookupName(store, partnerTypes, str(r.fields[f.partner]));
    const row = byPartner.get(partner) ?? { sourced: 0, influenced: 0 };
    const role = str(r.fields[f.role]).toLowerCase();
    if (role === 'sourced') row.sourced += num(r.fields[f.amount]);
    else if (role === 'influenced') row.influenced += num(r.fields[f.amount]);
    byPartner.set(partner, row);
  }
  return [...byPartner]
    .map(([partner, v]) => ({ crm, partner, ...v }))
    .sort((a, b) => b.sourced + b.influenced - (a.sourced + a.influenced));
}

export function demoSummary(salesforce: RecordStore, hubspot: RecordStore): DemoSummary {
  return {
    whyLinks: demoWhyLinks(salesforce, hubspot),
    duplicates: [
      ...duplicates('Salesforce', salesforce, ['Lead', 'Contact'], {
        status: 'PS_Duplicate_Status__c',
        of: 'PS_Duplicate_Of_Name__c',
        score: 'PS_Duplicate_Likelihood__c',
        reason: 'PS_Duplicate_Reason__c',
      }),
      ...duplicates('HubSpot', hubspot, ['contacts'], {
        status: 'ps_duplicate_status',
        of: 'ps_duplicate_of_name',
        score: 'ps_duplicate_likelihood',
        reason: 'ps_duplicate_reason',
      }),
    ],
    registrations: [
      ...registrations('Salesforce', salesforce, 'PS_Deal_Registration__c', ['Account'], {
        customer: 'Customer_Company__c',
        partner: 'Partner__c',
        status: 'Status__c',
        reason: 'Reason__c',
      }),
      ...registrations('HubSpot', hubspot, 'ps_deal_registration', ['companies'], {
        customer: 'ps_customer_company',
        partner: 'ps_partner_id',
        status: 'ps_status',
        reason: 'ps_reason',
      }),
    ],
    revenue: [
      ...revenue('Salesforce', salesforce, 'PS_Partner_Attribution__c', ['Account'], {
        partner: 'Partner__c',
        role: 'Role__c',
        amount: 'Credited_Amount__c',
      }),
      ...revenue('HubSpot', hubspot, 'ps_partner_attribution', ['companies'], {
        partner: 'ps_partner_id',
        role: 'ps_role',
        amount: 'ps_credited_amount',
      }),
    ],
  };
}
