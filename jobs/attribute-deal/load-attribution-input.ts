import type {
  Account,
  DealRegistration,
  Opportunity,
  Partner,
  PartnerTouch,
  Person,
} from '../../src/domain/entities.js';
import { presentEntities, type Mirror } from '../../src/store/mirror.js';
import type { RelationIndex } from '../../src/store/relation-index.js';

/** What the attribution of one opportunity looks at, read from the mirror through the relation index. */
export interface LoadedOpportunity {
  readonly opportunity: Opportunity;
  readonly account: Account | null;
  readonly partners: readonly Partner[];
  /** Registrations linked to the opportunity, and those of the same customer (conversion candidates). */
  readonly registrations: readonly DealRegistration[];
  readonly leads: readonly Person[];
  readonly touches: readonly PartnerTouch[];
}

export interface DecisionReaders {
  readonly mirror: Mirror;
  readonly relations: RelationIndex;
}

/** Loads one opportunity with its partners, registrations, source leads and touches; null when gone. */
export async function loadAttributionInput(
  deps: DecisionReaders,
  connectionId: string,
  opportunityId: string,
  extraRegistrationIds: readonly string[] = [],
): Promise<LoadedOpportunity | null> {
  const { mirror, relations } = deps;
  const found = await mirror.get(connectionId, 'opportunity', opportunityId);
  if (found === null) return null;
  const opportunity = found.entity;
  const account =
    opportunity.accountId === null
      ? null
      : ((await mirror.get(connectionId, 'account', opportunity.accountId))?.entity ?? null);

  const [touchIds, leadIds, linkedIds, customerIds] = await Promise.all([
    relations.touchesOf(connectionId, opportunity.id, opportunity.accountId),
    relations.leadsOf(connectionId, opportunity.id),
    relations.registrationsOfOpportunity(connectionId, opportunity.id),
    account === null
      ? Promise.resolve([])
      : relations.registrationsOfCustomer(connectionId, {
          company: account.name,
          domain: account.domain ?? account.website,
        }),
  ]);
  const sourceLead = opportunity.sourceLeadId === null ? [] : [opportunity.sourceLeadId];
  const regIds = [...new Set([...linkedIds, ...customerIds, ...extraRegistrationIds])].sort();
  const [touches, leads, registrations] = await Promise.all([
    mirror.getMany(connectionId, 'touch', touchIds).then(presentEntities),
    mirror
      .getMany(connectionId, 'person', [...new Set([...leadIds, ...sourceLead])].sort())
      .then(presentEntities),
    mirror.getMany(connectionId, 'registration', regIds).then(presentEntities),
  ]);
  const partnerIds = new Set<string>();
  for (const t of touches) partnerIds.add(t.partnerId);
  for (const r of registrations) partnerIds.add(r.partnerId);
  for (const l of leads) if (l.partnerId !== null) partnerIds.add(l.partnerId);
  const partners = presentEntities(await mirror.getMany(connectionId, 'partner', [...partnerIds].sort()));
  return { opportunity, account, partners, registrations, leads, touches };
}
