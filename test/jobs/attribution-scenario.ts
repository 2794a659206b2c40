import { adminActor as sfAdmin } from '../../connectors/sandbox/salesforce/org.js';
import type { SalesforceSandbox } from '../../connectors/sandbox/start-sandboxes.js';
import type { FieldValue } from '../../connectors/sandbox/store.js';
import type { SkewedClock } from './dedupe-scenario.js';

const DAY = 86_400_000;

/** Ids of the scenario's records by label. */
export type ScenarioIds = Map<string, string>;

export const SF_TYPES = ['Account', 'Lead', 'Opportunity', 'OpportunityPartner', 'PS_Deal_Registration__c'];

function at<T>(clock: SkewedClock, daysAgo: number, make: () => T): T {
  clock.skewMs = -daysAgo * DAY;
  try {
    return make();
  } finally {
    clock.skewMs = 0;
  }
}

/**
 * Phase 1: three partners, three customers, Globex with an open opportunity that came from a partner
 * lead, and registrations: Northwind registers Acme first (approved), Contoso registers Acme later
 * (protected → rejected), Northwind registers Acme again (duplicate → rejected), Fabrikam registers
 * Globex (open opportunity → rejected).
 */
export function seedSalesforcePhase1(sb: SalesforceSandbox, clock: SkewedClock): ScenarioIds {
  const { store } = sb;
  const ids: ScenarioIds = new Map();
  const create = (
    label: string,
    type: string,
    fields: Record<string, FieldValue>,
    daysAgo: number,
  ): string => {
    const rec = at(clock, daysAgo, () => store.create(type, fields, sfAdmin));
    ids.set(label, rec.id);
    return rec.id;
  };
  const partner = (label: string, name: string, type: string, domain: string): string =>
    create(label, 'Account', { Name: name, Type: type, Website: `https://${domain}` }, 400);
  const p1 = partner('P1', 'Northwind Resellers', 'Reseller', 'northwind.example');
  const p2 = partner('P2', 'Contoso Integrations', 'Integrator', 'contoso.example');
  const p3 = partner('P3', 'Fabrikam Cloud', 'Technology Partner', 'fabrikam.example');
  create(
    'acme',
    'Account',
    { Name: 'Acme Corporation', Type: 'Customer - Direct', Website: 'https://www.acme.example' },
    300,
  );
  const globex = create(
    'globex',
    'Account',
    { Name: 'Globex, Inc.', Type: 'Customer - Direct', Website: 'https://globex.example' },
    300,
  );
  const og = create(
    'O-G',
    'Opportunity',
    {
      Name: 'Globex - Platform',
      AccountId: globex,
      StageName: 'Qualification',
      CloseDate: '2027-06-30',
      Amount: 30_000,
      IsClosed: false,
      IsWon: false,
    },
    30,
  );
  create(
    'L1',
    'Lead',
    {
      LastName: 'Chen',
      Company: 'Globex, Inc.',
      Email: 'wei@globex.example',
      Status: 'Closed - Converted',
      PS_Partner__c: p3,
      ConvertedOpportunityId: og,
      ConvertedAccountId: globex,
    },
    40,
  );
  const reg = (label: string, partnerId: string, company: string, domain: string, daysAgo: number): string =>
    create(
      label,
      'PS_Deal_Registration__c',
      {
        Name: label,
        Partner__c: partnerId,
        Customer_Company__c: company,
        Customer_Domain__c: domain,
        Status__c: 'Submitted',
        Amount__c: 100_000,
      },
      daysAgo,
    );
  reg('R1', p1, 'Acme Corporation', 'acme.example', 20);
  reg('R2', p2, 'ACME Corp', 'acme.example', 19);
  reg('R4', p1, 'Acme Corp.', 'acme.example', 18);
  reg('R3', p3, 'Globex', 'globex.example', 17);
  return ids;
}

/** Phase 2: the Acme opportunity (closed won) arrives with two partner touches. */
export function seedSalesforcePhase2(sb: SalesforceSandbox, clock: SkewedClock, ids: ScenarioIds): void {
  const { store } = sb;
  const acme = ids.get('acme') ?? '';
  const closeDate = new Date(clock.now() - DAY).toISOString().slice(0, 10);
  const oa = at(clock, 5, () =>
    store.create(
      'Opportunity',
      {
        Name: 'Acme - Platform',
        AccountId: acme,
        StageName: 'Closed Won',
        CloseDate: closeDate,
        Amount: 100_000,
        IsClosed: true,
        IsWon: true,
      },
      sfAdmin,
    ),
  );
  store.update('Opportunity', oa.id, {}, sfAdmin); // modified now: incremental sync sees it
  ids.set('O-A', oa.id);
  const touch = (label: string, partner: string, daysAgo: number): void => {
    const rec = at(clock, daysAgo, () =>
      store.create(
        'OpportunityPartner',
        { Name: label, OpportunityId: oa.id, AccountToId: ids.get(partner) ?? '' },
        sfAdmin,
      ),
    );
    store.update('OpportunityPartner', rec.id, {}, sfAdmin);
    ids.set(label, rec.id);
  };
  touch('T2', 'P2', 4);
  touch('T3', 'P3', 3);
}

/** Record fields by label, only the named fields. */
export function fieldsOf(
  sb: SalesforceSandbox,
  type: string,
  id: string,
  names: readonly string[],
): Record<string, FieldValue> {
  const rec = sb.store.get(type, id);
  return Object.fromEntries(names.map((n) => [n, rec?.fields[n] ?? null]));
}
