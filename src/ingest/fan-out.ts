import type { Opportunity } from '../domain/entities.js';
import type { Mirror, MirrorChange } from '../store/mirror.js';
import type { RelationIndex } from '../store/relation-index.js';
import type { JobScheduler } from '../queue/job-scheduler.js';
import { removedPersonIds } from './removed-person-ids.js';

/** Closed opportunities an account-level touch still reaches: closed at most this long ago. */
export const RECENTLY_CLOSED_DAYS = 90;
const DAY_MS = 86_400_000;

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
  /** Accounts with a touch logged on the account only (no opportunity): their deals need attribution. */
  touchAccountIds: string[];
  /** Partners that appeared or changed: their registrations awaiting review are reviewed again. */
  partnerIds: string[];
} {
  const personIds = new Set<string>();
  const opportunityIds = new Set<string>();
  const registrationIds = new Set<string>();
  const touchAccountIds = new Set<string>();
  const partnerIds = new Set<string>();
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
        for (const t of [c.previous, c.entity]) {
          if (t?.kind !== 'touch') continue;
          if (t.entity.opportunityId !== null) opportunityIds.add(t.entity.opportunityId);
          else if (t.entity.accountId !== null) touchAccountIds.add(t.entity.accountId);
        }
        break;
      case 'partner':
        if (c.change !== 'removed') partnerIds.add(c.id);
        break;
      case 'account':
        break;
    }
  }
  return {
    personIds: [...personIds],
    opportunityIds: [...opportunityIds],
    registrationIds: [...registrationIds],
    touchAccountIds: [...touchAccountIds],
    partnerIds: [...partnerIds],
  };
}

/** Pure: the opportunities an account-level touch can count for — open, or closed recently. */
export function openOrRecentlyClosed(opportunities: readonly Opportunity[], now: number): string[] {
  const since = now - RECENTLY_CLOSED_DAYS * DAY_MS;
  return opportunities
    .filter((o) => !o.isClosed || o.closedAt === null || Date.parse(o.closedAt) >= since)
    .map((o) => o.id);
}

/** Where fan-out finds the opportunities of accounts that received an account-level touch. */
export interface FanOutReaders {
  readonly mirror: Mirror;
  readonly relations: RelationIndex;
  readonly now: () => number;
}

/** Schedules the decision jobs the changes need; with `readers`, also those account-level touches reach. */
export async function fanOut(
  scheduler: JobScheduler,
  connectionId: string,
  changes: readonly MirrorChange[],
  readers?: FanOutReaders,
): Promise<FanOutCounts> {
  const t = decisionTargets(changes);
  const opportunityIds = new Set(t.opportunityIds);
  if (readers !== undefined && t.touchAccountIds.length > 0) {
    const ids = await readers.relations.opportunitiesOfAccounts(connectionId, t.touchAccountIds);
    const found = await readers.mirror.getMany(connectionId, 'opportunity', ids);
    const opps = found.flatMap((f) => (f === null ? [] : [f.entity]));
    for (const id of openOrRecentlyClosed(opps, readers.now())) opportunityIds.add(id);
  }
  const registrationIds = new Set(t.registrationIds);
  if (readers !== undefined) {
    for (const partnerId of t.partnerIds) {
      for (const id of await readers.relations.registrationsByPartner(connectionId, partnerId))
        registrationIds.add(id);
    }
  }
  await Promise.all([
    // People who left the mirror go to detect-duplicates too: it takes them out of the match index and
    // re-checks the records that pointed at them.
    scheduler.detectDuplicates(connectionId, [...t.personIds, ...removedPersonIds(changes)]),
    scheduler.attributeDeals(connectionId, [...opportunityIds]),
    scheduler.reviewRegistrations(connectionId, [...registrationIds]),
  ]);
  return {
    people: t.personIds.length,
    opportunities: opportunityIds.size,
    registrations: registrationIds.size,
  };
}
