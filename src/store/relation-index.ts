import type { RedisClient } from '../queue/redis.js';
import type { KeySpace } from './keys.js';
import type { MirrorChange } from './mirror.js';
import {
  companyKey,
  domainKey,
  keyPart,
  relationsOf,
  type Relation,
  type RelationName,
} from './relation-keys.js';

/**
 * Redis sets beside the mirror so decision jobs find related entities without scanning: touches by
 * opportunity and account, registrations by customer domain / company / partner / opportunity,
 * opportunities by account, accounts by domain / company, leads by converted opportunity, people by
 * email domain. Partners are read from the mirror by id.
 */
export interface RelationIndex {
  members(connectionId: string, name: RelationName, value: string): Promise<string[]>;
  touchesOf(connectionId: string, opportunityId: string, accountId: string | null): Promise<string[]>;
  leadsOf(connectionId: string, opportunityId: string): Promise<string[]>;
  registrationsOfOpportunity(connectionId: string, opportunityId: string): Promise<string[]>;
  registrationsByPartner(connectionId: string, partnerId: string): Promise<string[]>;
  /** Registrations for the same customer: same company domain, or same normalised company name. */
  registrationsOfCustomer(connectionId: string, customer: CustomerLookup): Promise<string[]>;
  accountsOfCustomer(connectionId: string, customer: CustomerLookup): Promise<string[]>;
  opportunitiesOfAccounts(connectionId: string, accountIds: readonly string[]): Promise<string[]>;
  peopleOfDomain(connectionId: string, domain: string | null): Promise<string[]>;
  /** Keeps the sets in step with changes the mirror just applied. */
  apply(connectionId: string, changes: readonly MirrorChange[]): Promise<void>;
}

export interface CustomerLookup {
  readonly company: string | null;
  /** A domain, website or email address. */
  readonly domain: string | null;
}

function setKey(keys: KeySpace, connectionId: string, r: Relation): string {
  return keys.connection(connectionId, 'rel', r.name, keyPart(r.value));
}

/** Moves each changed entity from the sets of its previous version to those of its new one. */
export async function updateRelations(
  redis: RedisClient,
  keys: KeySpace,
  connectionId: string,
  changes: readonly MirrorChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const tx = redis.multi();
  for (const c of changes) {
    const before = c.previous === null ? [] : relationsOf(c.previous);
    const after = c.entity === null ? [] : relationsOf(c.entity);
    const same = (a: Relation, b: Relation): boolean => a.name === b.name && a.value === b.value;
    for (const r of before) if (!after.some((a) => same(a, r))) tx.srem(setKey(keys, connectionId, r), c.id);
    for (const r of after) tx.sadd(setKey(keys, connectionId, r), c.id);
  }
  await tx.exec();
}

export function createRelationIndex(redis: RedisClient, keys: KeySpace): RelationIndex {
  const members = async (connectionId: string, name: RelationName, value: string): Promise<string[]> =>
    (await redis.smembers(setKey(keys, connectionId, { name, value }))).sort();
  const union = async (
    connectionId: string,
    wanted: readonly { name: RelationName; value: string | null }[],
  ): Promise<string[]> => {
    const all = await Promise.all(
      wanted.flatMap((w) => (w.value === null ? [] : [members(connectionId, w.name, w.value)])),
    );
    return [...new Set(all.flat())].sort();
  };
  return {
    members,
    apply: (connectionId, changes) => updateRelations(redis, keys, connectionId, changes),
    touchesOf: (c, opportunityId, accountId) =>
      union(c, [
        { name: 'touch-by-opp', value: opportunityId },
        { name: 'touch-by-account', value: accountId },
      ]),
    leadsOf: (c, opportunityId) => members(c, 'lead-by-opp', opportunityId),
    registrationsOfOpportunity: (c, opportunityId) => members(c, 'reg-by-opp', opportunityId),
    registrationsByPartner: (c, partnerId) => members(c, 'reg-by-partner', partnerId),
    registrationsOfCustomer: (c, customer) =>
      union(c, [
        { name: 'reg-by-domain', value: domainKey(customer.domain) },
        { name: 'reg-by-company', value: companyKey(customer.company) },
      ]),
    accountsOfCustomer: (c, customer) =>
      union(c, [
        { name: 'account-by-domain', value: domainKey(customer.domain) },
        { name: 'account-by-company', value: companyKey(customer.company) },
      ]),
    opportunitiesOfAccounts: (c, accountIds) =>
      union(
        c,
        accountIds.map((value) => ({ name: 'opp-by-account' as const, value })),
      ),
    peopleOfDomain: async (c, domain) => {
      const d = domainKey(domain);
      return d === null ? [] : members(c, 'person-by-domain', d);
    },
  };
}
