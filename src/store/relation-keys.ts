import { createHash } from 'node:crypto';
import type { CanonicalEntity } from '../domain/entities.js';
import { isFreeMailDomain } from '../matching/free-mail-domains.js';
import { normaliseCompany } from '../matching/normalise-company.js';
import { normaliseDomain } from '../matching/normalise-domain.js';

/** One relation: which set (`name`, `value`) an entity id belongs to. */
export interface Relation {
  readonly name: RelationName;
  readonly value: string;
}

export type RelationName =
  | 'touch-by-opp'
  | 'touch-by-account'
  | 'reg-by-domain'
  | 'reg-by-company'
  | 'reg-by-partner'
  | 'reg-by-opp'
  | 'opp-by-account'
  | 'account-by-domain'
  | 'account-by-company'
  | 'lead-by-opp'
  | 'person-by-domain';

const SAFE = /^[A-Za-z0-9_.-]{1,120}$/;

/** A Redis-key-safe form of a value: itself when safe, else a short hash. */
export function keyPart(value: string): string {
  return SAFE.test(value) ? value : `h.${createHash('sha1').update(value).digest('hex').slice(0, 20)}`;
}

/** The company's normalised key ("Acme Inc." → "acme"), or null. */
export function companyKey(name: string | null): string | null {
  const key = normaliseCompany(name)?.key ?? '';
  return key === '' ? null : key;
}

/** The normalised domain of a website, domain or email; null for free-mail domains (never company evidence). */
export function domainKey(value: string | null): string | null {
  const domain = normaliseDomain(value);
  return domain === null || isFreeMailDomain(domain) ? null : domain;
}

/**
 * Pure: the sets an entity belongs to. Customers are found by normalised domain (registrations,
 * accounts, people by email domain) or by normalised company name (registrations, accounts);
 * opportunities of a customer are the opportunities of its accounts.
 */
export function relationsOf(e: CanonicalEntity): Relation[] {
  const out: Relation[] = [];
  const add = (name: RelationName, value: string | null): void => {
    if (value !== null && value !== '') out.push({ name, value });
  };
  switch (e.kind) {
    case 'touch':
      add('touch-by-opp', e.entity.opportunityId);
      add('touch-by-account', e.entity.accountId);
      break;
    case 'registration':
      add('reg-by-domain', domainKey(e.entity.customerDomain ?? e.entity.contactEmail));
      add('reg-by-company', companyKey(e.entity.customerCompany));
      add('reg-by-partner', e.entity.partnerId);
      add('reg-by-opp', e.entity.opportunityId);
      break;
    case 'opportunity':
      add('opp-by-account', e.entity.accountId);
      break;
    case 'account':
      add('account-by-domain', domainKey(e.entity.domain ?? e.entity.website));
      add('account-by-company', companyKey(e.entity.name));
      break;
    case 'person':
      add('lead-by-opp', e.entity.convertedOpportunityId);
      add('person-by-domain', domainKey(e.entity.email));
      break;
    case 'partner':
      break;
  }
  return out;
}
