import { describe, expect, it } from 'vitest';

import { prepareRecord } from '../../../src/matching/prepare-record.js';
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
});
