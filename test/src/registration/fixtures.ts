import type { Account, DealRegistration, Opportunity, Partner } from '../../../src/domain/entities.js';
import { normaliseCompany } from '../../../src/matching/normalise-company.js';
import type { CompanyMatcher } from '../../../src/registration/match-customer.js';
import type { ReviewContext } from '../../../src/registration/review-context.js';

const ref = (objectType: string, id: string) => ({ connection: 'sf1', objectType, id });
export const NOW = '2026-03-01T12:00:00.000Z';

export function partner(id: string, overrides: Partial<Partner> = {}): Partner {
  return {
    id,
    name: `Partner ${id}`,
    type: 'reseller',
    tier: 'gold',
    domains: [],
    status: 'active',
    territories: [],
    refs: [],
    ...overrides,
  };
}

export function registration(id: string, overrides: Partial<DealRegistration> = {}): DealRegistration {
  return {
    id,
    partnerId: 'P-1',
    customerCompany: 'Customer Inc',
    customerDomain: 'customer.com',
    contactEmail: null,
    contactName: null,
    amount: 50_000,
    currency: 'USD',
    expectedClose: null,
    territory: null,
    status: 'submitted',
    reason: null,
    submittedAt: '2026-03-01T09:00:00.000Z',
    decidedAt: null,
    expiresOn: null,
    conflictWith: null,
    opportunityId: null,
    refs: [ref('PS_Deal_Registration__c', id)],
    ...overrides,
  };
}

export function account(id: string, overrides: Partial<Account> = {}): Account {
  return {
    id,
    name: 'Customer, Inc.',
    domain: 'customer.com',
    website: null,
    phone: null,
    city: null,
    country: null,
    isPartner: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    refs: [],
    ...overrides,
  };
}

export function opportunity(id: string, overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id,
    name: 'Deal',
    accountId: 'A-1',
    amount: 50_000,
    currency: 'USD',
    stage: 'Prospecting',
    isClosed: false,
    isWon: false,
    createdAt: '2026-02-01T00:00:00.000Z',
    closedAt: null,
    sourceLeadId: null,
    partnerId: null,
    refs: [],
    ...overrides,
  };
}

/** Equal normalised company names or nothing: keeps these cases independent of fuzzy scoring. */
export const sameCompanyName: CompanyMatcher = (a, b) => {
  const na = normaliseCompany(a)?.key ?? '';
  const nb = normaliseCompany(b)?.key ?? '';
  return na !== '' && na === nb
    ? { score: 1, reason: `same company name "${na}"` }
    : { score: 0, reason: `company names differ ("${na}" vs "${nb}")` };
};

export function context(overrides: Partial<ReviewContext> = {}): ReviewContext {
  return {
    partner: partner('P-1'),
    registrations: [],
    opportunities: [],
    accounts: [],
    matchCompany: sameCompanyName,
    ...overrides,
  };
}
