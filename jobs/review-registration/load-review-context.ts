import type { Account, DealRegistration, Opportunity, Partner, Person } from '../../src/domain/entities.js';
import { presentEntities, type Mirror } from '../../src/store/mirror.js';
import type { RelationIndex } from '../../src/store/relation-index.js';

/** Everything a registration review looks at, read through the relation index. */
export interface LoadedReview {
  readonly partner: Partner | null;
  readonly partners: readonly Partner[];
  /** Other registrations of the same customer (domain or company) or by the same partner. */
  readonly registrations: readonly DealRegistration[];
  readonly opportunities: readonly Opportunity[];
  readonly accounts: readonly Account[];
  /** Leads and contacts at the customer's email domain. */
  readonly people: readonly Person[];
}

export async function loadReviewContext(
  deps: { readonly mirror: Mirror; readonly relations: RelationIndex },
  connectionId: string,
  registration: DealRegistration,
): Promise<LoadedReview> {
  const { mirror, relations } = deps;
  const customer = {
    company: registration.customerCompany,
    domain: registration.customerDomain ?? registration.contactEmail,
  };
  const [ofCustomer, ofPartner, accountIds, personIds] = await Promise.all([
    relations.registrationsOfCustomer(connectionId, customer),
    relations.registrationsByPartner(connectionId, registration.partnerId),
    relations.accountsOfCustomer(connectionId, customer),
    relations.peopleOfDomain(connectionId, registration.contactEmail ?? registration.customerDomain),
  ]);
  const regIds = [...new Set([...ofCustomer, ...ofPartner])].filter((id) => id !== registration.id).sort();
  const opportunityIds = await relations.opportunitiesOfAccounts(connectionId, accountIds);
  const [registrations, accounts, opportunities, people] = await Promise.all([
    mirror.getMany(connectionId, 'registration', regIds).then(presentEntities),
    mirror.getMany(connectionId, 'account', accountIds).then(presentEntities),
    mirror.getMany(connectionId, 'opportunity', opportunityIds).then(presentEntities),
    mirror.getMany(connectionId, 'person', personIds).then(presentEntities),
  ]);
  const partnerIds = [...new Set([registration.partnerId, ...registrations.map((r) => r.partnerId)])].sort();
  const partners = presentEntities(await mirror.getMany(connectionId, 'partner', partnerIds));
  const partner = partners.find((p) => p.id === registration.partnerId) ?? null;
  return { partner, partners, registrations, opportunities, accounts, people };
}
