import type { MirrorChange } from '../store/mirror.js';
import type { JobScheduler } from './job-scheduler.js';

export interface FanOutCounts {
  readonly people: number;
  readonly opportunities: number;
  readonly registrations: number;
}

/** Which decision jobs a set of mirror changes needs. Pure. */
export function decisionTargets(changes: readonly MirrorChange[]): {
  personIds: string[];
  opportunityIds: string[];
  registrationIds: string[];
} {
  const personIds = new Set<string>();
  const opportunityIds = new Set<string>();
  const registrationIds = new Set<string>();
  for (const c of changes) {
    const current = c.entity ?? c.previous;
    if (current === null) continue;
    switch (current.kind) {
      case 'person':
        if (c.change !== 'removed') personIds.add(c.id);
        // A lead's partner feeds the sourcing of the opportunity it converted into.
        if (current.entity.convertedOpportunityId !== null)
          opportunityIds.add(current.entity.convertedOpportunityId);
        break;
      case 'opportunity':
        if (c.change !== 'removed') opportunityIds.add(c.id);
        break;
      case 'registration':
        if (c.change !== 'removed') registrationIds.add(c.id);
        if (current.entity.opportunityId !== null) opportunityIds.add(current.entity.opportunityId);
        break;
      case 'touch':
        if (current.entity.opportunityId !== null) opportunityIds.add(current.entity.opportunityId);
        break;
      case 'partner':
      case 'account':
        break;
    }
  }
  return {
    personIds: [...personIds],
    opportunityIds: [...opportunityIds],
    registrationIds: [...registrationIds],
  };
}

/** Schedules the decision jobs the changes need. */
export async function fanOut(
  scheduler: JobScheduler,
  connectionId: string,
  changes: readonly MirrorChange[],
): Promise<FanOutCounts> {
  const t = decisionTargets(changes);
  await Promise.all([
    scheduler.detectDuplicates(connectionId, t.personIds),
    scheduler.attributeDeals(connectionId, t.opportunityIds),
    scheduler.reviewRegistrations(connectionId, t.registrationIds),
  ]);
  return {
    people: t.personIds.length,
    opportunities: t.opportunityIds.length,
    registrations: t.registrationIds.length,
  };
}
