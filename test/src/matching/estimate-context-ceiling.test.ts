import { describe, expect, it } from 'vitest';

import { candidatePairs } from '../../../src/matching/candidate-pairs.js';
import { estimateContextCeiling } from '../../../src/matching/estimate-context-ceiling.js';
import { createPersonMatcher } from '../../../src/matching/match-people.js';
import { prepareRecord } from '../../../src/matching/prepare-record.js';
import type { MatchRecord } from '../../../src/matching/match-record.js';

const FIRST = ['Ann', 'Tom', 'Li', 'Omar', 'Eva', 'Raj', 'Ida', 'Max', 'Zoe', 'Ugo', 'Kai', 'Noa'];
const LAST = [
  'Berg',
  'Cole',
  'Diaz',
  'Ekstrom',
  'Fox',
  'Gupta',
  'Holm',
  'Ito',
  'Jansen',
  'Kovac',
  'Lund',
  'Moss',
];
const weights = createPersonMatcher().weights;

function ceilingOf(records: MatchRecord[]): number | null {
  const prepared = records.map(prepareRecord).sort((a, b) => (a.id < b.id ? -1 : 1));
  return estimateContextCeiling(
    prepared,
    candidatePairs(prepared, { maxBlockSize: 1000 }),
    weights,
    undefined,
    {
      minPairs: 20,
    },
  );
}

describe('estimateContextCeiling', () => {
  it('finds few single persons among colleagues sharing a switchboard', () => {
    const staff: MatchRecord[] = [];
    for (let c = 0; c < 3; c++)
      FIRST.forEach((first, i) =>
        staff.push({
          id: `C${c}-${String(i).padStart(2, '0')}`,
          kind: 'lead',
          firstName: first,
          lastName: LAST[(i + c) % LAST.length] ?? '',
          company: `Company ${c}`,
          email: `${first.toLowerCase()}@company${c}.example`,
          phone: `+1 415 392 010${c}`,
        }),
      );
    expect(ceilingOf(staff)).toBeLessThan(-3);
  });

  it('finds mostly one person when records sharing an address agree on the name', () => {
    const people: MatchRecord[] = [];
    FIRST.forEach((first, i) => {
      for (let copy = 0; copy < 3; copy++)
        people.push({
          id: `P${String(i).padStart(2, '0')}-${copy}`,
          kind: 'lead',
          firstName: first,
          lastName: LAST[i] ?? '',
          street: `${i + 1} Long Road`,
          city: 'Springfield',
        });
    });
    expect(ceilingOf(people)).toBeGreaterThan(3);
  });
});
