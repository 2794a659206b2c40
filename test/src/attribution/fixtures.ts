import type {
  DealRegistration,
  Opportunity,
  Partner,
  PartnerTouch,
  Person,
} from '../../../src/domain/entities.js';
import type { AttributionInput } from '../../../src/attribution/attribution-input.js';

const ref = (objectType: string, id: string) => ({ connection: 'sf1', objectType, id });

export function partner(id: string, overrides: Partial<Partner> = {}): Partner {
  return {
    id,
    name: `Partner ${id}`,
    type: 'reseller',
    tier: 'gold',
    domains: [],
    status: 'active',
    territories: [],
    refs: [ref('Account', id)],
    ...overrides,
  };
}

export function opportunity(overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id: 'O-1',
    name: 'Big deal',
    accountId: 'A-1',
    amount: 1000,
    currency: 'USD',
    stage: 'Closed Won',
    isClosed: true,
    isWon: true,
    createdAt: '2026-03-01T00:00:00.000Z',
    closedAt: '2026-03-31T00:00:00.000Z',
    sourceLeadId: null,
    partnerId: null,
    refs: [ref('Opportunity', 'O-1')],
    ...overrides,
  };
}

let touchSeq = 0;
export function touch(
  partnerId: string,
  occurredAt: string,
  overrides: Partial<PartnerTouch> = {},
): PartnerTouch {
  touchSeq += 1;
  const id = overrides.id ?? `T-${String(touchSeq).padStart(4, '0')}`;
  return {
    id,
    partnerId,
    opportunityId: 'O-1',
    accountId: null,
    kind: 'meeting',
    occurredAt,
    source: ref('OpportunityPartner', id),
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
    amount: 1000,
    currency: 'USD',
    expectedClose: null,
    territory: null,
    status: 'converted',
    reason: null,
    submittedAt: '2026-02-01T00:00:00.000Z',
    decidedAt: '2026-02-01T01:00:00.000Z',
    expiresOn: '2026-05-02',
    conflictWith: null,
    opportunityId: 'O-1',
    refs: [ref('PS_Deal_Registration__c', id)],
    ...overrides,
  };
}

export function lead(id: string, overrides: Partial<Person> = {}): Person {
  return {
    id,
    kind: 'lead',
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@customer.com',
    phone: null,
    mobilePhone: null,
    company: 'Customer Inc',
    website: null,
    title: null,
    street: null,
    city: null,
    postalCode: null,
    state: null,
    country: null,
    accountId: 'A-1',
    partnerId: null,
    convertedOpportunityId: null,
    createdAt: '2026-02-01T00:00:00.000Z',
    updatedAt: '2026-02-01T00:00:00.000Z',
    refs: [ref('Lead', id)],
    ...overrides,
  };
}

export function input(overrides: Partial<AttributionInput> = {}): AttributionInput {
  const touches = overrides.touches ?? [];
  const ids = new Set(touches.map((t) => t.partnerId));
  for (const r of overrides.registrations ?? []) ids.add(r.partnerId);
  for (const l of overrides.leads ?? []) if (l.partnerId !== null) ids.add(l.partnerId);
  return {
    opportunity: opportunity(),
    partners: [...ids].sort().map((id) => partner(id)),
    registrations: [],
    leads: [],
    touches,
    now: '2026-04-15T00:00:00.000Z',
    ...overrides,
  };
}

/** Deterministic PRNG (mulberry32) for property-style loops. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
