import { describe, expect, it } from 'vitest';

import { prepareRecord } from '../../../src/matching/prepare-record.js';
import { keyHash } from '../../../src/matching/key-hash.js';
import { countTerms } from '../../../src/matching/term-frequencies.js';

describe('countTerms', () => {
  const names = ['Ann Lee', 'Ann Lee', 'Ann Kim', 'Bob Lee', 'Ann Lee'];
  const tf = countTerms(
    names.map((name, i) => {
      const [firstName = null, lastName = null] = name.split(' ');
      return prepareRecord({ id: `r${i}`, kind: 'lead', firstName, lastName });
    }),
  );

  it('gives the same counts however the questions repeat or alternate', () => {
    const asked: [string, number][] = [
      ['ann', 4],
      ['ann', 4],
      ['bob', 1],
      ['ann', 4],
      ['zed', 0],
      ['zed', 0],
    ];
    for (const [name, count] of asked) expect(tf.count('firstName', name)).toBe(count);
    expect(tf.count('lastName', 'lee')).toBe(4);
    expect(tf.count('firstName', 'bob')).toBe(1);
    expect(tf.total).toBe(5);
  });

  it('counts every value, whatever its hash: even hashes above 2^52 included', () => {
    // Above 2^52 a hash plus a half is not a float of its own; a count built on it read such values as absent.
    const surnames: string[] = [];
    for (let i = 0; surnames.length < 4; i++) {
      const name = `surname${i}`;
      const hash = keyHash(name);
      if (hash >= 2 ** 52 && hash % 2 === 0) surnames.push(name);
    }
    const records = surnames.flatMap((lastName, k) =>
      Array.from({ length: k + 2 }, (_, j) =>
        prepareRecord({ id: `${lastName}-${j}`, kind: 'lead', firstName: 'Ann', lastName }),
      ),
    );
    const counts = countTerms(records);
    surnames.forEach((lastName, k) => expect(counts.count('lastName', lastName)).toBe(k + 2));
  });
});
