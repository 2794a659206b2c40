import { describe, expect, it } from 'vitest';

import type { Account, DealRegistration, Opportunity, Person } from '../../../src/domain/entities.js';
import { findRegistrationConflicts } from '../../../src/matching/find-registration-conflicts.js';
import { matchAccounts } from '../../../src/matching/match-accounts.js';

const T = '2026-01-10T00:00:00Z';

function registration(id: string, fields: Partial<DealRegistration>): DealRegistration {
  return {
    id,
    partnerId: 'P1',
    customerCompany: 'Acme Inc',
    customerDomain: 'acme.com',
    contactEmail: null,
    contactName: null,
    amount: 10_000,
    currency: 'USD',
    expectedClose: null,
    territory: null,
    status: 'submitted',
    reason: null,
    submittedAt: T,
    decidedAt: null,
    expiresOn: null,
    conflictWith: null,
    opportunityId: null,
    refs: [],
    ...fields,
  };
}

function account(id: string, name: string, domain: string | null, country: string | null = null): Account {
  return {
    id,
    name,
    domain,
    website: null,
    phone: null,
    city: null,
    country,
    isPartner: false,
    createdAt: T,
    updatedAt: T,
    refs: [],
  };
}

function opportunity(id: string, accountId: string, isClosed = false): Opportunity {
  return {
    id,
    name: 'Acme renewal',
    accountId,
    amount: 5000,
    currency: 'USD',
    stage: 'Prospecting',
    isClosed,
    isWon: false,
    createdAt: T,
    closedAt: null,
    sourceLeadId: null,
    partnerId: null,
    refs: [],
  };
}

const empty = { opportunities: [], registrations: [], people: [], today: '2026-01-10' };

describe('findRegistrationConflicts', () => {
  it('approves a registration for a customer nobody is working', () => {
    expect(findRegistrationConflicts(registration('R1', {}), empty)).toEqual({
      outcome: 'approve',
      conflicts: [],
    });
  });

  it('rejects when the customer already has an open opportunity, matched by domain', () => {
    const check = findRegistrationConflicts(registration('R1', {}), {
      ...empty,
      opportunities: [
        {
          opportunity: opportunity('006A', '001A'),
          account: account('001A', 'ACME Corporation', 'www.acme.com'),
        },
      ],
    });
    expect(check.outcome).toBe('reject');
    expect(check.conflicts[0]).toMatchObject({
      kind: 'open_opportunity',
      severity: 'hard',
      recordId: '006A',
    });
    expect(check.conflicts[0]?.reasons).toContain('same domain acme.com');
  });

  it('ignores closed opportunities', () => {
    const check = findRegistrationConflicts(registration('R1', {}), {
      ...empty,
      opportunities: [
        { opportunity: opportunity('006A', '001A', true), account: account('001A', 'Acme', 'acme.com') },
      ],
    });
    expect(check.outcome).toBe('approve');
  });

  it("protects another partner's earlier approved unexpired registration", () => {
    const other = registration('R0', {
      partnerId: 'P2',
      status: 'approved',
      submittedAt: '2026-01-01T00:00:00Z',
      expiresOn: '2026-03-01',
      customerDomain: null,
      customerCompany: 'ACME, Inc.',
    });
    const check = findRegistrationConflicts(registration('R1', {}), { ...empty, registrations: [other] });
    expect(check.outcome).toBe('reject');
    expect(check.conflicts[0]).toMatchObject({ kind: 'protected_registration', recordId: 'R0' });
    expect(check.conflicts[0]?.reasons.join('; ')).toContain('company Acme Inc = ACME, Inc.');
  });

  it("does not protect another partner's expired registration", () => {
    const other = registration('R0', {
      partnerId: 'P2',
      status: 'approved',
      submittedAt: '2025-01-01T00:00:00Z',
      expiresOn: '2025-04-01',
    });
    expect(
      findRegistrationConflicts(registration('R1', {}), { ...empty, registrations: [other] }).outcome,
    ).toBe('approve');
  });

  it("reports the same partner's live registration as a duplicate", () => {
    const other = registration('R0', { status: 'pending_review', submittedAt: '2026-01-02T00:00:00Z' });
    const check = findRegistrationConflicts(registration('R1', {}), { ...empty, registrations: [other] });
    expect(check.conflicts[0]?.kind).toBe('duplicate_registration');
  });

  it('sends a fuzzy company match with no domain to review', () => {
    const check = findRegistrationConflicts(
      registration('R1', { customerDomain: null, customerCompany: 'Acme Robotics' }),
      {
        ...empty,
        opportunities: [
          { opportunity: opportunity('006A', '001A'), account: account('001A', 'Acme Robotic', null) },
        ],
      },
    );
    expect(check.outcome).toBe('review');
    expect(check.conflicts[0]?.severity).toBe('ambiguous');
  });

  it('links an existing contact with the same email without blocking the registration', () => {
    const person: Person = {
      id: '003A',
      kind: 'contact',
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'Ann.Lee@acme.com',
      phone: null,
      mobilePhone: null,
      company: 'Acme',
      website: null,
      title: null,
      street: null,
      city: null,
      postalCode: null,
      state: null,
      country: null,
      accountId: null,
      partnerId: null,
      convertedOpportunityId: null,
      createdAt: T,
      updatedAt: T,
      refs: [],
    };
    const check = findRegistrationConflicts(registration('R1', { contactEmail: 'ann.lee+deal@acme.com' }), {
      ...empty,
      people: [person],
    });
    expect(check.outcome).toBe('approve');
    expect(check.conflicts).toEqual([
      expect.objectContaining({ kind: 'existing_person', severity: 'info', recordId: '003A' }),
    ]);
  });
});

describe('matchAccounts', () => {
  it('matches accounts on domain even when the names differ', () => {
    const match = matchAccounts(
      account('001B', 'Alphabet', 'abc.xyz'),
      account('001A', 'Google', 'https://www.abc.xyz/'),
    );
    expect(match).toMatchObject({ leftId: '001A', decision: 'duplicate' });
  });

  it('never treats a free-mail domain as the company', () => {
    const match = matchAccounts(
      account('1', 'Ann Lee Consulting', 'gmail.com'),
      account('2', 'Bob Ray Design', 'gmail.com'),
    );
    expect(match.decision).toBe('unique');
  });

  it('keeps a name-only match across countries at possible', () => {
    const match = matchAccounts(account('1', 'Acme GmbH', null, 'DE'), account('2', 'Acme Inc', null, 'US'));
    expect(match.decision).toBe('possible');
  });
});
