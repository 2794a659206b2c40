import { describe, expect, it } from 'vitest';

import type { Account } from '../../../src/domain/entities.js';
import { matchAccounts } from '../../../src/matching/match-accounts.js';

const T = '2026-01-10T00:00:00Z';

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
