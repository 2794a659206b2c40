import { describe, expect, it } from 'vitest';

import { candidatePairs } from '../../../src/matching/candidate-pairs.js';
import { estimatePrior } from '../../../src/matching/estimate-prior.js';
import { bitsToScore } from '../../../src/matching/fellegi-sunter.js';
import { createPersonMatcher, matchPeople } from '../../../src/matching/match-people.js';
import type { MatchRecord } from '../../../src/matching/match-record.js';
import { withPopulationPrior, REFERENCE_POPULATION } from '../../../src/matching/population-prior.js';
import { prepareRecord } from '../../../src/matching/prepare-record.js';
import type { PreparedRecord } from '../../../src/matching/prepare-record.js';
import { bulkDedupe } from '../../../src/matching/bulk-dedupe.js';
import { countTerms } from '../../../src/matching/term-frequencies.js';

const FIRST = [
  'Ann',
  'Tom',
  'Li',
  'Omar',
  'Eva',
  'Raj',
  'Ida',
  'Max',
  'Zoe',
  'Ugo',
  'Kai',
  'Noa',
  'Pia',
  'Sam',
];
const CITIES = ['Leeds', 'Lyon', 'Turin', 'Porto', 'Graz', 'Split'];

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'nu',
  're',
  'su',
  'ti',
  'vo',
  'wa',
  'ze',
  'bri',
  'dro',
  'fen',
  'gul',
  'hax',
  'jor',
];
/** A surname no one else in the population has, unlike the others letter by letter (Kalomi, Lokami …). */
function surname(i: number): string {
  const s = (k: number): string => SYLLABLES[k % SYLLABLES.length] ?? '';
  const word =
    s(i * 7) + s(Math.floor(i / 16) * 5 + 3) + s(Math.floor(i / 256) * 3 + 1) + s(Math.floor(i / 4096));
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `people` distinct people, the first `twins` of them twice, and two namesakes in one city. */
function population(people: number, twins: number): MatchRecord[] {
  const out: MatchRecord[] = [
    { id: 'N1', kind: 'lead', firstName: 'Karen', lastName: 'Meyer', city: 'London', company: 'Initech' },
    { id: 'N2', kind: 'contact', firstName: 'Karen', lastName: 'Meyer', city: 'London' },
  ];
  for (let i = 0; i < people; i++) {
    const person: MatchRecord = {
      id: `P${String(i).padStart(6, '0')}`,
      kind: 'lead',
      firstName: FIRST[i % FIRST.length] ?? '',
      lastName: surname(i),
      city: CITIES[i % CITIES.length] ?? '',
      email: `${surname(i).toLowerCase()}@mail.example`,
    };
    out.push(person);
    if (i < twins) out.push({ ...person, id: `D${String(i).padStart(6, '0')}` });
  }
  return out;
}

const prepare = (records: MatchRecord[]): PreparedRecord[] =>
  records.map(prepareRecord).sort((a, b) => (a.id < b.id ? -1 : 1));

function priorShare(records: MatchRecord[]): number {
  const prepared = prepare(records);
  const pairs = candidatePairs(prepared, { maxBlockSize: 64 });
  const bits = estimatePrior(prepared, pairs, createPersonMatcher().weights, countTerms(prepared));
  if (bits === null) throw new Error('no estimate');
  return bitsToScore(bits);
}

describe('estimatePrior', () => {
  it('finds about as many true pairs as the records hold', () => {
    const records = population(2_000, 100);
    const share = priorShare(records);
    const allPairs = (records.length * (records.length - 1)) / 2;
    expect(share * allPairs).toBeGreaterThan(70);
    expect(share * allPairs).toBeLessThan(140);
  });

  it('falls as the population grows with the same share of duplicates', () => {
    const small = priorShare(population(1_000, 50));
    const large = priorShare(population(4_000, 200));
    // Four times the records, four times the true pairs, sixteen times the pairs: a quarter of the prior.
    expect(large / small).toBeGreaterThan(0.15);
    expect(large / small).toBeLessThan(0.4);
  });

  it('leaves namesakes in one city less likely one person in a large file than in a small one', async () => {
    const score = async (records: MatchRecord[]): Promise<number> => {
      const { pairs } = await bulkDedupe(records, { estimateCeiling: false });
      const namesake = pairs.find((p) => p.leftId === 'N1' && p.rightId === 'N2');
      return namesake?.score ?? 0;
    };
    const small = await score(population(1_000, 50));
    const large = await score(population(8_000, 400));
    expect(small).toBeGreaterThan(0.6);
    expect(large).toBeLessThan(small);
  });

  it("never rises above the model's own prior", () => {
    const records = population(200, 100);
    const prepared = prepare(records);
    const weights = createPersonMatcher().weights;
    const bits = estimatePrior(prepared, candidatePairs(prepared, { maxBlockSize: 64 }), weights);
    expect(bits).toBe(weights.priorBits);
  });
});

describe('withPopulationPrior', () => {
  const matcher = createPersonMatcher();
  const a = prepareRecord({ id: 'a', kind: 'lead', firstName: 'Karen', lastName: 'Meyer', city: 'London' });
  const b = prepareRecord({ id: 'b', kind: 'lead', firstName: 'Karen', lastName: 'Meyer', city: 'London' });

  it('keeps the default prior up to the reference population', () => {
    expect(withPopulationPrior(matcher, REFERENCE_POPULATION)).toBe(matcher);
    expect(withPopulationPrior(matcher, 10)).toBe(matcher);
  });

  it('lowers a name-and-city match in a CRM of 500,000 people', () => {
    const small = matchPeople(matcher, a, b).score;
    const large = matchPeople(withPopulationPrior(matcher, 500_000), a, b).score;
    expect(large).toBeLessThan(small);
    // 500,000 / 7,500 times less likely a priori: log2(66.7) ≈ 6.1 bits off the odds.
    const odds = (p: number): number => p / (1 - p);
    expect(Math.log2(odds(small) / odds(large))).toBeCloseTo(Math.log2(500_000 / REFERENCE_POPULATION), 1);
  });
});
