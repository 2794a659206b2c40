import type { AssociationType } from '../../connectors/sandbox/hubspot/associations.js';
import type { HubspotSandbox } from '../../connectors/sandbox/start-sandboxes.js';
import { closeDateNextMonth, demoRegistrations, HELPING_PARTNERS } from './demo-registrations.js';

/** A partner user (partner portal app) and a sales rep in the HubSpot sandbox. */
const PARTNER_PORTAL = { userId: '9000002' };
const SALES_REP = { userId: '9000003' };
const REGISTRATION = 'ps_deal_registration';

function companyId(hs: HubspotSandbox, name: string): string {
  const company = hs.store.list('companies').find((c) => c.fields['name'] === name);
  if (company === undefined) throw new Error(`demo seed has no HubSpot company ${name}`);
  return company.id;
}

/** The user-defined "Partner" deal → company association label an admin creates once per portal. */
function partnerLabel(hs: HubspotSandbox): AssociationType {
  const found = hs.associations.definitions('deals', 'companies').find((d) => d.label === 'Partner');
  return found ?? hs.associations.createLabel('deals', 'companies', 'Partner', 'Partner of');
}

/**
 * Step 1 (HubSpot): partners submit deal registrations as records of the `ps_deal_registration` custom
 * object, for Stark Industries.
 */
export function submitHubspotRegistrations(hs: HubspotSandbox): void {
  const registrations = demoRegistrations({
    name: 'Stark Industries',
    abbreviated: 'Stark Ind.',
    domain: 'stark.example',
    amounts: [80_000, 60_000],
    contacts: ['pepper@stark.example', 'happy@stark.example'],
  });
  for (const { partner, company, domain, amount, email } of registrations) {
    hs.store.create(
      REGISTRATION,
      {
        ps_partner_id: companyId(hs, partner),
        ps_customer_company: company,
        ps_customer_domain: domain,
        ps_contact_email: email,
        ps_amount: String(amount),
        ps_status: 'submitted',
      },
      PARTNER_PORTAL,
    );
  }
}

/**
 * Step 2 (HubSpot): the registered deal is opened for Stark (primary company association) and the rep
 * associates the two partners who helped under the "Partner" label.
 */
export function openHubspotRegisteredDeal(hs: HubspotSandbox): void {
  const stark = hs.store.create(
    'companies',
    { name: 'Stark Industries', domain: 'stark.example', type: 'PROSPECT' },
    SALES_REP,
  );
  const closeDate = closeDateNextMonth();
  const deal = hs.store.create(
    'deals',
    {
      dealname: 'Stark Industries - Platform',
      amount: '80000',
      pipeline: 'default',
      dealstage: 'contractsent',
      closedate: `${closeDate}T00:00:00.000Z`,
    },
    SALES_REP,
  );
  const primary = hs.associations.definitions('deals', 'companies').find((d) => d.label === 'Primary');
  hs.associations.associate('deals', deal.id, 'companies', stark.id, [
    hs.associations.defaultType('deals', 'companies'),
    ...(primary === undefined ? [] : [primary]),
  ]);
  const label = partnerLabel(hs);
  for (const partner of HELPING_PARTNERS)
    hs.associations.associate('deals', deal.id, 'companies', companyId(hs, partner), [label]);
}
