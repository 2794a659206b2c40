import { describe, expect, it } from 'vitest';

import { bulkDedupe } from '../../../src/matching/bulk-dedupe.js';
import { candidatePairs } from '../../../src/matching/candidate-pairs.js';
import { comparePeople } from '../../../src/matching/compare-people.js';
import type { MatchRecord } from '../../../src/matching/match-record.js';
import { createPersonMatcher, matchPeople } from '../../../src/matching/match-people.js';
import type { PersonMatch } from '../../../src/matching/match-people.js';
import { OrderedRecords, PersonColumns } from '../../../src/matching/person-columns.js';
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

/** A record with every kind of field the columns hold, including two phones and a generation. */
const bob: MatchRecord = {
  id: 'C7',
  kind: 'contact',
  firstName: 'Bob',
  lastName: 'Smith Jr',
  email: 'info@acme.example',
  phone: '020 7946 0018',
  mobilePhone: '+44 7700 900123',
  company: 'The Acme & Sons Ltd',
  streetNumber: '4',
  street: 'Flat 2, Baker Street',
  address2: 'Marylebone',
  postalCode: 'NW1 6XE',
  country: 'GB',
  externalId: 'AB 12 34 56',
};

function stored(records: readonly MatchRecord[], keepSource = false): PersonColumns {
  const columns = new PersonColumns(keepSource);
  for (const record of records) columns.add(prepareRecord(record));
  return columns;
}

describe('PersonColumns', () => {
  it('gives back every normalised field of the prepared records it was given', () => {
    const records = [ann, annie, bob, { id: 'L0', kind: 'lead' as const }];
    const columns = stored(records);
    expect(columns.length).toBe(4);
    records.forEach((record, i) => {
      const prepared = prepareRecord(record);
      const { company } = prepared;
      const fields = Object.fromEntries(
        Object.entries(prepared).filter(([key]) => !['source', 'company', 'createdAt'].includes(key)),
      );
      const back = columns.at(i);
      expect(back).toMatchObject(fields);
      expect(back?.company?.key).toBe(company?.key);
      expect(back?.company?.tokens).toEqual(company?.tokens);
    });
    expect(columns.at(2)?.phones).toHaveLength(2);
    expect(columns.at(4)).toBeUndefined();
  });

  it('compares, scores and explains exactly as the prepared records it was made from', () => {
    const columns = stored([ann, annie, bob]);
    const [a, b, c] = [ann, annie, bob].map(prepareRecord);
    const [ca, cb, cc] = [0, 1, 2].map((i) => columns.at(i));
    if (a === undefined || b === undefined || c === undefined) throw new Error('prepared');
    if (ca === undefined || cb === undefined || cc === undefined) throw new Error('stored');
    expect(comparePeople(ca, cb)).toEqual(comparePeople(a, b));
    const matcher = createPersonMatcher();
    expect(matchPeople(matcher, ca, cb)).toEqual(matchPeople(matcher, a, b));
    expect(matchPeople(matcher, ca, cc)).toEqual(matchPeople(matcher, a, c));
    expect(candidatePairs(columns)).toEqual(candidatePairs([a, b, c]));
  });

  it('gives back the quoted source fields and the time of creation, and the whole record when kept', () => {
    const columns = stored([ann]);
    expect(columns.at(0)?.source).toMatchObject({
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
    expect(columns.at(0)?.createdAt).toBe('2024-03-01T10:00:00Z');
    expect(stored([annie]).at(0)?.createdAt).toBeNull();
    expect(stored([ann], true).at(0)?.source).toBe(ann);
  });

  it('gives back source values spelled as their normalised value, lower-case, capitalised or otherwise', () => {
    const spelled: MatchRecord = {
      ...annie,
      firstName: 'Mary Ann',
      lastName: 'MacDonald',
      email: 'ann.oneil@globex.com',
      city: 'NEW YORK',
    };
    for (const record of [annie, spelled]) {
      const { id, kind, firstName, lastName, email, company, city } = record;
      expect(stored([record]).at(0)?.source).toEqual({
        ...{ id, kind, firstName, lastName, email, company, city },
        ...{ streetNumber: null, street: null, address2: null, postalCode: null, state: null },
        ...{ dateOfBirth: null, externalId: null },
      });
    }
  });

  it('holds a repeated value once', () => {
    const columns = stored([ann, { ...ann, id: 'L9' }]);
    expect(columns.at(1)?.email?.domain).toBe(columns.at(0)?.email?.domain);
    expect(columns.at(1)?.city).toBe(columns.at(0)?.city);
  });

  it('reads in another order through OrderedRecords', () => {
    const columns = stored([ann, annie, bob]);
    const ordered = new OrderedRecords(columns, Uint32Array.from([2, 0]));
    expect(ordered.length).toBe(2);
    expect(ordered.at(0)?.id).toBe('C7');
    expect(ordered.at(1)?.id).toBe('L1');
    expect(ordered.at(2)).toBeUndefined();
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

describe('bulkDedupe with onPair', () => {
  it('gives each pair to onPair in (leftId, rightId) order instead of holding them', async () => {
    const records = [ann, annie, bob, { ...ann, id: 'L0', phone: '+1 212 555 0199' }];
    const held = await bulkDedupe(records);
    const given: PersonMatch[] = [];
    const streamed = await bulkDedupe(records, { onPair: (pair) => given.push(pair) });
    expect(held.pairs.length).toBeGreaterThan(1);
    expect(given).toEqual(held.pairs);
    expect(streamed.pairs).toEqual([]);
    expect(streamed.stats).toEqual(held.stats);
    expect(held.stats.pairsFound).toBe(held.pairs.length);
    expect(held.stats.duplicatePairs).toBe(held.pairs.filter((p) => p.decision === 'duplicate').length);
  });
});
