import { describe, expect, it } from 'vitest';

import { bulkDedupe } from '../../../src/matching/bulk-dedupe.js';
import { CompactRecord, Interner } from '../../../src/matching/compact-record.js';
import { comparePeople } from '../../../src/matching/compare-people.js';
import type { MatchRecord } from '../../../src/matching/match-record.js';
import { createPersonMatcher, matchPeople } from '../../../src/matching/match-people.js';
import { prepareRecord } from '../../../src/matching/prepare-record.js';

const ann: MatchRecord = {
  id: 'L1',
  kind: 'lead',
  createdAt: '2024-03-01T10:00:00Z',
  firstName: 'Ann',
  lastName: "O'Neil",
  email: 'Ann.ONeil+webinar@Globex.com',
  phone: '(415) 555-0101',
  company: 'Globex Corp.',
  website: 'https://globex.com',
  street: '12 Main St',
  city: 'San Francisco',
  state: 'CA',
  postalCode: '94105',
  country: 'United States',
  dateOfBirth: '1980-02-03',
};
const annie: MatchRecord = {
  id: 'L2',
  kind: 'contact',
  firstName: 'Annie',
  lastName: 'ONeil',
  email: 'ann.oneil@globex.com',
  phone: '+1 415 555 0101',
  company: 'GLOBEX CORPORATION',
  city: 'san francisco',
  country: 'US',
};

describe('CompactRecord', () => {
  it('compares, scores and explains exactly as the prepared record it was made from', () => {
    const intern = new Interner(1);
    const [a, b] = [prepareRecord(ann), prepareRecord(annie)];
    const [ca, cb] = [new CompactRecord(a, intern), new CompactRecord(b, intern)];
    expect(comparePeople(ca, cb)).toEqual(comparePeople(a, b));
    const matcher = createPersonMatcher();
    expect(matchPeople(matcher, ca, cb)).toEqual(matchPeople(matcher, a, b));
    expect(ca.company?.tokens).toEqual(a.company?.tokens);
  });

  it('gives back the quoted source fields and the time of creation, and the whole record when kept', () => {
    const compact = new CompactRecord(prepareRecord(ann), new Interner());
    expect(compact.source).toMatchObject({
      id: 'L1',
      kind: 'lead',
      firstName: 'Ann',
      lastName: "O'Neil",
      email: 'Ann.ONeil+webinar@Globex.com',
      company: 'Globex Corp.',
      street: '12 Main St',
      dateOfBirth: '1980-02-03',
      externalId: null,
    });
    expect(compact.createdAt).toBe('2024-03-01T10:00:00Z');
    expect(new CompactRecord(prepareRecord(ann), new Interner(), true).source).toBe(ann);
  });

  it('holds a repeated value once', () => {
    const intern = new Interner();
    const one = new CompactRecord(prepareRecord(ann), intern);
    const two = new CompactRecord(prepareRecord({ ...ann, id: 'L9' }), intern);
    expect(two.company).toBe(one.company);
    expect(two.email?.domain).toBe(one.email?.domain);
  });
});

describe('bulkDedupe with records sharing an id', () => {
  it('keeps the same one whatever the input order', async () => {
    const other: MatchRecord = { ...annie, id: 'L1', phone: '+1 212 555 0199' };
    const forward = await bulkDedupe([ann, other, annie]);
    const backward = await bulkDedupe([annie, other, ann]);
    expect(forward.stats.duplicateIdsDropped).toBe(1);
    expect(backward.pairs).toEqual(forward.pairs);
  });
});
