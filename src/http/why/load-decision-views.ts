import type { DealRegistration, Opportunity } from '../../domain/entities.js';
import type { WhyTarget } from '../../why-link/why-link.js';
import { opportunityView } from '../../why-page/opportunity-view.js';
import { registrationView } from '../../why-page/registration-view.js';
import type { WhyView } from '../../why-page/why-view.js';
import { partnerNames, type WhyStores } from './why-stores.js';

const byId = <T extends { id: string }>(items: readonly ({ entity: T } | null)[]): Map<string, T> =>
  new Map(items.flatMap((x) => (x === null ? [] : [[x.entity.id, x.entity] as const])));

/** A registration's decision with the registrations and opportunities its evidence names. */
export async function loadRegistrationView(stores: WhyStores, t: WhyTarget): Promise<WhyView | null> {
  const decision = await stores.decisions.get(t.connection, 'registration', t.recordId);
  const own = await stores.mirror.get(t.connection, 'registration', t.recordId);
  if (decision === null || own === null) return null;
  const ids = (decision.evidence?.conflicts ?? []).map((c) => c.recordId);
  if (decision.opportunityId !== null) ids.push(decision.opportunityId);
  const registrations: Map<string, DealRegistration> = byId(
    await stores.mirror.getMany(t.connection, 'registration', ids),
  );
  // The protection end we decided, where the CRM copy does not carry it (yet).
  for (const other of await stores.decisions.getMany(t.connection, 'registration', [
    ...registrations.keys(),
  ])) {
    const reg = other === null ? undefined : registrations.get(other.recordId);
    if (other !== null && reg !== undefined && reg.expiresOn === null)
      registrations.set(reg.id, { ...reg, expiresOn: other.expiresOn });
  }
  const opportunities: Map<string, Opportunity> = byId(
    await stores.mirror.getMany(t.connection, 'opportunity', ids),
  );
  const partner = await partnerNames(stores, t.connection, [
    own.entity.partnerId,
    ...(decision.evidence?.conflicts ?? []).map((c) => c.partnerId),
    ...[...registrations.values()].map((r) => r.partnerId),
  ]);
  return registrationView({ decision, registration: own.entity, partner, registrations, opportunities });
}

/** An opportunity's attribution, with the names of every partner it mentions. */
export async function loadOpportunityView(stores: WhyStores, t: WhyTarget): Promise<WhyView | null> {
  const decision = await stores.decisions.get(t.connection, 'opportunity', t.recordId);
  if (decision === null) return null;
  const d = decision.decision;
  const partner = await partnerNames(stores, t.connection, [
    d.sourcingPartnerId,
    ...d.influencingPartnerIds,
    ...d.evidence.sourcingCandidates.map((c) => c.partnerId),
    ...d.evidence.countedTouches.map((c) => c.partnerId),
    ...d.evidence.excludedTouches.map((c) => c.partnerId),
  ]);
  return opportunityView({ decision, partner });
}
