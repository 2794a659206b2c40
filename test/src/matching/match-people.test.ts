import { describe, expect, it } from 'vitest';

import { bulkDedupe } from '../../../src/matching/bulk-dedupe.js';
import { decide } from '../../../src/matching/decide.js';
import { bitsToScore } from '../../../src/matching/fellegi-sunter.js';
import type { MatchRecord } from '../../../src/matching/match-record.js';
import { createPersonMatcher, matchPeople } from '../../../src/matching/match-people.js';
import { compareSurvivors, pickSurvivor } from '../../../src/matching/pick-survivor.js';
import { prepareRecord } from '../../../src/matching/prepare-record.js';

const matcher = createPersonMatcher();

function lead(id: string, fields: Partial<MatchRecord>): MatchRecord {
  return { id, kind: 'lead', ...fields };
}

const bob = lead('00Q2', {
  firstName: 'Bob',
  lastName: 'Smith',
  email: 'bob.smith+events@acme.com',
  company: 'ACME',
  country: 'US',
});
const robert = lead('00Q1', {
  firstName: 'Robert',
  lastName: 'Smith',
  email: 'Bob.Smith@acme.com',
  company: 'Acme Inc',
  phone: '(415) 555-0132',
  country: 'United States',
});

describe('matchPeople', () => {
  it('flags the same person behind a nickname, a plus-tag and a legal suffix as a duplicate with reasons', () => {
    const match = matchPeople(matcher, prepareRecord(bob), prepareRecord(robert));
    expect(match.decision).toBe('duplicate');
    expect(match.score).toBeGreaterThanOrEqual(0.9);
    expect(match.leftId).toBe('00Q1');
    expect(match.scope).toBe('lead-lead');
    // bob.smith+events@… and Bob.Smith@…: one mailbox, and the reason says why the emails look different.
    expect(match.reasonText).toContain('same mailbox (ignoring the +tag)');
    expect(match.reasonText).toContain('first name Robert ≈ Bob (nickname)');
    expect(match.reasonText).toContain('company Acme Inc = ACME');
  });

  it('does not use a shared free-mail domain as company evidence', () => {
    const a = prepareRecord(lead('1', { firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@gmail.com' }));
    const b = prepareRecord(lead('2', { firstName: 'Tom', lastName: 'Ray', email: 'tom.ray@gmail.com' }));
    const match = matchPeople(matcher, a, b);
    expect(match.decision).toBe('unique');
    expect(match.reasonText).not.toContain('company domain');
  });

  it('treats namesakes at different companies with different emails and phones as not duplicates', () => {
    const a = prepareRecord(
      lead('1', {
        firstName: 'John',
        lastName: 'Smith',
        email: 'john@alpha.com',
        company: 'Alpha',
        phone: '+1 415 555 0100',
      }),
    );
    const b = prepareRecord(
      lead('2', {
        firstName: 'John',
        lastName: 'Smith',
        email: 'jsmith@omega.io',
        company: 'Omega',
        phone: '+1 212 555 0199',
      }),
    );
    expect(matchPeople(matcher, a, b).decision).not.toBe('duplicate');
  });

  it('names the scope lead-contact when a lead meets a contact', () => {
    const contact = prepareRecord({ ...robert, id: '003A', kind: 'contact' });
    expect(matchPeople(matcher, prepareRecord(bob), contact).scope).toBe('lead-contact');
  });

  it('gives the same score and reasons whichever record comes first', () => {
    const ab = matchPeople(matcher, prepareRecord(bob), prepareRecord(robert));
    const ba = matchPeople(matcher, prepareRecord(robert), prepareRecord(bob));
    expect(ba).toEqual(ab);
  });

  it('detects swapped first and last names', () => {
    const a = prepareRecord(
      lead('1', { firstName: 'Gloster', lastName: 'Mia', dateOfBirth: '19590124', postalCode: '3718' }),
    );
    const b = prepareRecord(
      lead('2', { firstName: 'Mia', lastName: 'Gloster', dateOfBirth: '19590124', postalCode: '3718' }),
    );
    const match = matchPeople(matcher, a, b);
    expect(match.decision).toBe('duplicate');
    expect(match.reasonText).toContain('first and last name swapped');
  });
});

describe('decisions and thresholds', () => {
  it('maps log-odds to a probability', () => {
    expect(bitsToScore(0)).toBe(0.5);
    expect(bitsToScore(10)).toBeGreaterThan(0.999);
  });

  it('applies duplicate ≥ 0.9 > possible ≥ 0.6 > unique, configurably', () => {
    expect(decide(0.95)).toBe('duplicate');
    expect(decide(0.9)).toBe('duplicate');
    expect(decide(0.7)).toBe('possible');
    expect(decide(0.59)).toBe('unique');
    expect(decide(0.95, { duplicate: 0.99, possible: 0.5 })).toBe('possible');
  });
});

describe('survivor rule', () => {
  it('keeps a contact over an older lead', () => {
    const survivor = pickSurvivor([
      { id: 'L1', kind: 'lead' as const, createdAt: '2019-01-01T00:00:00Z' },
      { id: 'C1', kind: 'contact' as const, createdAt: '2024-01-01T00:00:00Z' },
    ]);
    expect(survivor?.id).toBe('C1');
  });

  it('keeps the oldest record of the same kind, then the smallest id', () => {
    const records = [
      { id: 'L3', kind: 'lead' as const, createdAt: '2022-01-01T00:00:00Z' },
      { id: 'L2', kind: 'lead' as const, createdAt: '2020-01-01T00:00:00Z' },
      { id: 'L1', kind: 'lead' as const, createdAt: null },
    ];
    expect(pickSurvivor(records)?.id).toBe('L2');
    expect(compareSurvivors({ id: 'a', kind: 'lead' }, { id: 'b', kind: 'lead' })).toBeLessThan(0);
  });
});

describe('bulkDedupe', () => {
  const records: MatchRecord[] = [
    robert,
    bob,
    lead('00Q3', { firstName: 'Alice', lastName: 'Zhang', email: 'alice@zenith.io', company: 'Zenith GmbH' }),
    lead('00Q4', { firstName: 'Alicia', lastName: 'Zhang', email: 'alice@zenith.io', company: 'Zenith' }),
    lead('00Q5', { firstName: 'Carl', lastName: 'Berg', email: 'carl@north.se' }),
  ];

  it('returns each duplicate pair once, ordered by ids', async () => {
    const { pairs } = await bulkDedupe(records);
    expect(pairs.map((p) => [p.leftId, p.rightId, p.decision])).toEqual([
      ['00Q1', '00Q2', 'duplicate'],
      ['00Q3', '00Q4', 'duplicate'],
    ]);
  });

  it('returns the same pairs whatever the input order', async () => {
    const forward = await bulkDedupe(records);
    const backward = await bulkDedupe([...records].reverse());
    const shuffled = await bulkDedupe(
      [records[2], records[4], records[0], records[3], records[1]].filter((r) => r !== undefined),
    );
    expect(backward.pairs).toEqual(forward.pairs);
    expect(shuffled.pairs).toEqual(forward.pairs);
  });
});
