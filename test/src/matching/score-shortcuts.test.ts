import { describe, expect, it } from 'vitest';

import { generateCrmBenchmark } from '../../../bench/dedupe-crm.js';
import { candidatePairs, NAME_WINDOW } from '../../../src/matching/candidate-pairs.js';
import { comparePeople } from '../../../src/matching/compare-people.js';
import type { MatchRecord } from '../../../src/matching/match-record.js';
import { createPersonMatcher, scorePeople, scoresAtLeast } from '../../../src/matching/match-people.js';
import { PairMemo } from '../../../src/matching/pair-memo.js';
import { personBits, scorePerson } from '../../../src/matching/person-score.js';
import { prepareRecord } from '../../../src/matching/prepare-record.js';
import { countTerms } from '../../../src/matching/term-frequencies.js';

/** Salesforce rows of the seeded CRM benchmark as match records: colleagues, families, duplicates. */
function crmRecords(entities: number, seed: number): MatchRecord[] {
  const file = generateCrmBenchmark({ entities, seed }).files[0];
  return (file?.rows ?? []).map(({ values: v }) => ({
    id: v['Lead ID'] ?? '',
    kind: 'lead' as const,
    firstName: v['First Name'] || null,
    lastName: v['Last Name'] || null,
    suffix: v.Suffix || null,
    email: v.Email || null,
    phone: v.Phone || null,
    mobilePhone: v.Mobile || null,
    company: v['Company / Account'] || null,
    street: v.Street || null,
    city: v.City || null,
    state: v['State/Province'] || null,
    postalCode: v['Zip/Postal Code'] || null,
    country: v.Country || null,
    website: v.Website || null,
  }));
}

describe('scoresAtLeast', () => {
  it('answers exactly as scorePeople(…) >= min on every candidate pair, with and without frequencies', () => {
    const prepared = crmRecords(1500, 11)
      .map(prepareRecord)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const pairs = candidatePairs(prepared);
    const n = prepared.length;
    const tf = countTerms(prepared);
    const base = createPersonMatcher();
    // The default ceiling and the lower one the bulk run estimates from CRM data.
    const matchers = [base, { ...base, weights: { ...base.weights, contextCeilingBits: -4 } }];
    let above = 0;
    let below = 0;
    for (const matcher of matchers) {
      for (const min of [0.3, 0.6, 0.9, 0.99]) {
        for (const code of pairs) {
          const a = prepared[Math.floor(code / n)];
          const b = prepared[code % n];
          if (a === undefined || b === undefined) continue;
          for (const terms of [undefined, tf]) {
            const expected = scorePeople(matcher, a, b, terms) >= min;
            expect(scoresAtLeast(matcher, a, b, min, terms)).toBe(expected);
            if (expected) above++;
            else below++;
          }
        }
      }
    }
    expect(above).toBeGreaterThan(500);
    expect(below).toBeGreaterThan(5000);
  });
});

describe('personBits', () => {
  it('is the bits of scorePerson, to the last digit, on every candidate pair', () => {
    const prepared = crmRecords(300, 5).map(prepareRecord);
    const n = prepared.length;
    const tf = countTerms(prepared);
    const weights = createPersonMatcher().weights;
    let compared = 0;
    for (const code of candidatePairs(prepared)) {
      const a = prepared[Math.floor(code / n)];
      const b = prepared[code % n];
      if (a === undefined || b === undefined) continue;
      for (const terms of [undefined, tf]) {
        const expected = scorePerson(weights, comparePeople(a, b), a, b, terms).bits;
        expect(personBits(weights, comparePeople(a, b), a, b, terms)).toBe(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe('candidatePairs', () => {
  const sameNameSound = (count: number, company: (i: number) => string): MatchRecord[] =>
    Array.from({ length: count }, (_, i) => ({
      id: `r${String(i).padStart(3, '0')}`,
      kind: 'lead' as const,
      firstName: 'John',
      lastName: i % 2 === 0 ? 'Smith' : 'Smyth',
      company: company(i),
    }));

  it('reads a large block of people who share only the sound of a name as sorted neighbours', () => {
    const prepared = sameNameSound(40, (i) => `Firm ${String.fromCharCode(65 + (i % 26))}${i}`).map(
      prepareRecord,
    );
    const pairs = candidatePairs(prepared);
    // 40 records: 780 pairs if compared all against all; 4 neighbours each side at most.
    expect(pairs.length).toBeLessThanOrEqual(40 * 4);
    expect(pairs.length).toBeGreaterThan(0);
    expect(candidatePairs(prepared, { maxNameBlockSize: 64 }).length).toBe(780);
  });

  it('pairs each member of an oversized name block with its neighbours by surname, given name and email', () => {
    const records = sameNameSound(40, (i) => `Firm ${String.fromCharCode(65 + (i % 26))}${i}`).map(
      (r, i) => ({
        ...r,
        email: `${String.fromCharCode(97 + ((i * 7) % 26))}${i}@gmail.com`,
      }),
    );
    const prepared = records.map(prepareRecord);
    const codes = new Set(candidatePairs(prepared));
    const n = prepared.length;
    const order = prepared
      .map((r, i) => ({
        i,
        key: `${r.lastName ?? ''}|${r.firstName ?? ''}|${r.email?.address ?? ''}|${r.id}`,
      }))
      .sort((x, y) => (x.key < y.key ? -1 : 1))
      .map((x) => x.i);
    const code = (x: number, y: number): number => Math.min(x, y) * n + Math.max(x, y);
    for (let k = 0; k + NAME_WINDOW < n; k++) {
      expect(codes.has(code(order[k] ?? 0, order[k + NAME_WINDOW] ?? 0))).toBe(true);
    }
    expect(codes.size).toBeLessThan(780);
  });

  it('still compares every pair of a same-sized block at one employer', () => {
    const prepared = sameNameSound(40, () => 'Globex Corp').map(prepareRecord);
    expect(candidatePairs(prepared).length).toBe(780);
  });
});

describe('PairMemo', () => {
  it('computes each pair once and stays within its limit', () => {
    let calls = 0;
    const memo = new PairMemo((a, b) => {
      calls++;
      return a.length + 10 * b.length;
    }, 3);
    expect(memo.get('ab', 'c')).toBe(12);
    expect(memo.get('ab', 'c')).toBe(12);
    expect(calls).toBe(1);
    expect(memo.get('c', 'ab')).toBe(21);
    memo.get('x', 'y');
    memo.get('y', 'x');
    expect(memo.get('ab', 'c')).toBe(12);
    expect(calls).toBe(5);
  });
});
