import type { SalesforceSandbox } from '../../connectors/sandbox/start-sandboxes.js';
import { closeDateNextMonth, demoRegistrations, HELPING_PARTNERS } from './demo-registrations.js';

const PARTNER_PORTAL = { userId: '0055g00000B2prtAAB' };
const SALES_REP = { userId: '0055g00000B2usrAAB' };

function accountId(sb: SalesforceSandbox, name: string): string {
  const account = sb.store.list('Account').find((a) => a.fields['Name'] === name);
  if (account === undefined) throw new Error(`demo seed has no account ${name}`);
  return account.id;
}

/** Step 1: partners submit deal registrations through the partner portal (records in our custom object). */
export function submitRegistrations(sb: SalesforceSandbox): void {
  const registrations = demoRegistrations({
    name: 'Wayne Enterprises',
    abbreviated: 'Wayne Ent.',
    domain: 'wayne.example',
    amounts: [120_000, 90_000],
    contacts: ['bruce@wayne.example', 'lucius@wayne.example'],
  });
  for (const { partner, company, domain, amount, email } of registrations) {
    sb.store.create(
      'PS_Deal_Registration__c',
      {
        Name: `${company} via ${partner}`,
        Partner__c: accountId(sb, partner),
        Customer_Company__c: company,
        Customer_Domain__c: domain,
        Contact_Email__c: email,
        Amount__c: amount,
        Status__c: 'Submitted',
      },
      PARTNER_PORTAL,
    );
  }
}

/**
 * Step 2: the registered deal becomes an opportunity (in negotiation, closing next month) and the rep
 * adds the two partners who helped. An open opportunity's influence window runs until now, so the touches
 * count whatever time of day the demo runs.
 */
export function openRegisteredDeal(sb: SalesforceSandbox): void {
  const wayne = sb.store.create(
    'Account',
    { Name: 'Wayne Enterprises', Type: 'Prospect', Website: 'https://www.wayne.example' },
    SALES_REP,
  );
  const closeDate = closeDateNextMonth();
  const opportunity = sb.store.create(
    'Opportunity',
    {
      Name: 'Wayne Enterprises - Platform',
      AccountId: wayne.id,
      StageName: 'Negotiation/Review',
      CloseDate: closeDate,
      Amount: 120_000,
      IsClosed: false,
      IsWon: false,
    },
    SALES_REP,
  );
  for (const partner of HELPING_PARTNERS) {
    sb.store.create(
      'OpportunityPartner',
      { OpportunityId: opportunity.id, AccountToId: accountId(sb, partner), Role: 'Consultant' },
      SALES_REP,
    );
  }
}
