import type { AssociationType } from '../../connectors/sandbox/hubspot/associations.js';
import { adminActor as hsAdmin } from '../../connectors/sandbox/hubspot/portal.js';
import type { HubspotSandbox } from '../../connectors/sandbox/start-sandboxes.js';
import type { FieldValue } from '../../connectors/sandbox/store.js';
import type { ScenarioIds } from './attribution-scenario.js';
import type { SkewedClock } from './dedupe-scenario.js';

const DAY = 86_400_000;
export const REGISTRATION = 'ps_deal_registration';
export const ATTRIBUTION = 'ps_partner_attribution';
export const HS_TYPES = ['companies', 'contacts', 'deals', REGISTRATION];

function at<T>(clock: SkewedClock, daysAgo: number, make: () => T): T {
  clock.skewMs = -daysAgo * DAY;
  try {
    return make();
  } finally {
    clock.skewMs = 0;
  }
}

function create(
  hs: HubspotSandbox,
  clock: SkewedClock,
  ids: ScenarioIds,
  label: string,
  type: string,
  fields: Record<string, FieldValue>,
  daysAgo: number,
): string {
  const rec = at(clock, daysAgo, () => hs.store.create(type, fields, hsAdmin));
  ids.set(label, rec.id);
  return rec.id;
}

const primary = (hs: HubspotSandbox): AssociationType => {
  const found = hs.associations.definitions('deals', 'companies').find((d) => d.label === 'Primary');
  if (found === undefined) throw new Error('no primary deal → company type');
  return found;
};

/** The deal's customer company: primary and unlabelled, as HubSpot's UI creates it. */
function associateCustomer(hs: HubspotSandbox, dealId: string, companyId: string): void {
  const types = [primary(hs), hs.associations.defaultType('deals', 'companies')];
  hs.associations.associate('deals', dealId, 'companies', companyId, types);
}

/**
 * The Salesforce scenario (attribution-scenario.ts) through HubSpot objects. Phase 1: partners are
 * companies typed PARTNER/RESELLER; Globex's open deal came from Fabrikam's contact (partner property,
 * associated to the deal); registrations are `ps_deal_registration` records: Northwind registers Acme
 * first (approved), Contoso later (protected → rejected), Northwind again (duplicate → rejected),
 * Fabrikam registers Globex (open deal → rejected).
 */
export function seedHubspotPhase1(hs: HubspotSandbox, clock: SkewedClock): ScenarioIds {
  const ids: ScenarioIds = new Map();
  const make = (label: string, type: string, fields: Record<string, FieldValue>, daysAgo: number): string =>
    create(hs, clock, ids, label, type, fields, daysAgo);
  const partner = (label: string, name: string, type: string, domain: string): string =>
    make(label, 'companies', { name, type, domain }, 400);
  const p1 = partner('P1', 'Northwind Resellers', 'RESELLER', 'northwind.example');
  const p2 = partner('P2', 'Contoso Integrations', 'PARTNER', 'contoso.example');
  const p3 = partner('P3', 'Fabrikam Cloud', 'PARTNER', 'fabrikam.example');
  make('acme', 'companies', { name: 'Acme Corporation', type: 'PROSPECT', domain: 'www.acme.example' }, 300);
  const globex = make('globex', 'companies', { name: 'Globex, Inc.', domain: 'globex.example' }, 300);
  const og = make(
    'O-G',
    'deals',
    {
      dealname: 'Globex - Platform',
      amount: 30_000,
      dealstage: 'qualifiedtobuy',
      closedate: '2027-06-30T00:00:00.000Z',
    },
    30,
  );
  associateCustomer(hs, og, globex);
  const l1 = make(
    'L1',
    'contacts',
    {
      lastname: 'Chen',
      company: 'Globex, Inc.',
      email: 'wei@globex.example',
      lifecyclestage: 'lead',
      ps_partner_id: p3,
    },
    40,
  );
  hs.associations.associate('contacts', l1, 'deals', og, [hs.associations.defaultType('contacts', 'deals')]);
  const reg = (label: string, partnerId: string, company: string, domain: string, daysAgo: number): void => {
    make(
      label,
      REGISTRATION,
      {
        ps_partner_id: partnerId,
        ps_customer_company: company,
        ps_customer_domain: domain,
        ps_status: 'submitted',
        ps_amount: 100_000,
      },
      daysAgo,
    );
  };
  reg('R1', p1, 'Acme Corporation', 'acme.example', 20);
  reg('R2', p2, 'ACME Corp', 'acme.example', 19);
  reg('R4', p1, 'Acme Corp.', 'acme.example', 18);
  reg('R3', p3, 'Globex', 'globex.example', 17);
  return ids;
}

/** Phase 2: the Acme deal (closed won) arrives with Contoso and Fabrikam associated under the Partner label. */
export function seedHubspotPhase2(hs: HubspotSandbox, clock: SkewedClock, ids: ScenarioIds): void {
  const closeDate = new Date(clock.now() - DAY).toISOString().slice(0, 10);
  const oa = create(
    hs,
    clock,
    ids,
    'O-A',
    'deals',
    {
      dealname: 'Acme - Platform',
      amount: 100_000,
      dealstage: 'closedwon',
      closedate: `${closeDate}T00:00:00.000Z`,
    },
    5,
  );
  associateCustomer(hs, oa, ids.get('acme') ?? '');
  const label = partnerLabel(hs);
  for (const p of ['P2', 'P3'])
    hs.associations.associate('deals', oa, 'companies', ids.get(p) ?? '', [label]);
  hs.store.update('deals', oa, {}, hsAdmin); // modified now: incremental sync sees it
}

/** The user-defined "Partner" deal → company association label (created once per portal). */
export function partnerLabel(hs: HubspotSandbox): AssociationType {
  const found = hs.associations.definitions('deals', 'companies').find((d) => d.label === 'Partner');
  return found ?? hs.associations.createLabel('deals', 'companies', 'Partner', 'Partner of');
}

/** Record properties by label, only the named ones. */
export function propsOf(
  hs: HubspotSandbox,
  type: string,
  id: string,
  names: readonly string[],
): Record<string, FieldValue> {
  const rec = hs.store.get(type, id);
  return Object.fromEntries(names.map((n) => [n, rec?.fields[n] ?? null]));
}

/** Ids of the records of `toType` associated with one record. */
export function associatedIds(hs: HubspotSandbox, type: string, id: string, toType: string): string[] {
  return hs.associations
    .list(type, id, toType)
    .map((a) => a.toObjectId)
    .sort();
}
