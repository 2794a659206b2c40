import { describe, expect, it } from 'vitest';

import {
  compareCode,
  compareDate,
  compareGivenName,
  compareName,
  compareNumber,
  compareTokens,
} from '../../../src/matching/comparators.js';
import { CLOSE, DIFFERENT, EXACT, FUZZY, MISSING } from '../../../src/matching/fellegi-sunter.js';
import { jaroWinkler } from '../../../src/matching/jaro-winkler.js';
import { normaliseDate } from '../../../src/matching/normalise-date.js';
import { soundAlike } from '../../../src/matching/phonetic-key.js';
import { tokenSetSimilarity } from '../../../src/matching/token-set-similarity.js';

describe('jaroWinkler', () => {
  it.each([
    ['martha', 'marhta', 0.9611],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.8133],
    ['jonathan', 'jonathon', 0.95],
  ])('scores %s / %s as %f (Winkler 1990)', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });

  it('is 1 for equal strings and 0 for nothing in common', () => {
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', '')).toBe(0);
  });

  it('is symmetric', () => {
    expect(jaroWinkler('crate', 'trace')).toBe(jaroWinkler('trace', 'crate'));
  });

  // Up to 32 characters a side is matched with bit masks, longer strings one character at a time:
  // both must give the same doubles as the definition.
  it.each([
    ['abcdefghijklmnopqrstuvwxyz012345', 'bacdefghijklmnopqrstuvwxyz013254', 0.96875],
    ['abcdefghijklmnopqrstuvwxyz0123456', 'bacdefghijklmnopqrstuvwxyz0132546', 0.9696969696969697],
    ['summitsaljoranalytics', 'summitsontorsystems', 0.8221900906111432],
    ['a', 'xxxxxxxxxxa', 0],
  ])('%s / %s is exactly %d on either side of 32 characters', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBe(expected);
    expect(jaroWinkler(b, a)).toBe(expected);
  });

  it('matches code units, not their low bits (é is not i)', () => {
    expect(jaroWinkler('\u00e9x', 'ix')).toBe(jaroWinkler('qx', 'ix'));
  });
});

describe('field comparators', () => {
  it('ignores word order in token-set similarity', () => {
    expect(tokenSetSimilarity(['global', 'acme', 'services'], ['acme', 'global', 'services'])).toBe(1);
    expect(tokenSetSimilarity(['acme'], ['zenith'])).toBeLessThan(0.6);
  });

  it('grades given names: exact, nickname, typo, initial, different', () => {
    expect(compareGivenName('robert', 'robert')).toBe(EXACT);
    expect(compareGivenName('bob', 'robert')).toBe(CLOSE);
    expect(compareGivenName('jonathan', 'jonathon')).toBe(CLOSE);
    expect(compareGivenName('j', 'john')).toBe(FUZZY);
    expect(compareGivenName('alice', 'robert')).toBe(DIFFERENT);
    expect(compareGivenName(null, 'robert')).toBe(MISSING);
  });

  it('grades surnames by spelling and sound', () => {
    expect(compareName('smith', 'smyth')).toBe(FUZZY);
    expect(compareName('mac donald', 'macdonald')).toBe(EXACT);
    expect(soundAlike('schmidt', 'smith')).toBe(true);
    expect(compareName('smith', 'jones')).toBe(DIFFERENT);
  });

  it('treats joined and split words as the same street', () => {
    expect(compareTokens(['copland', 'drive'], ['coplanddrive'])).toBe(EXACT);
    expect(compareTokens(['rupp', 'lace'], ['rupp', 'place'])).toBe(CLOSE);
  });

  it('accepts one typo in a code but not two', () => {
    expect(compareCode('4570', '4570')).toBe(EXACT);
    expect(compareCode('4570', '4507')).toBe(CLOSE);
    expect(compareCode('4570', '4579')).toBe(CLOSE);
    expect(compareCode('4570', '1234')).toBe(DIFFERENT);
  });

  it('compares dates part by part and spots day/month swaps', () => {
    const d = (s: string) => normaliseDate(s);
    expect(compareDate(d('19800102'), d('1980-01-02'))).toBe(EXACT);
    expect(compareDate(d('19800102'), d('19810102'))).toBe(CLOSE);
    expect(compareDate(d('19800102'), d('19800201'))).toBe(CLOSE);
    expect(compareDate(d('02.01.1980'), d('19800102'))).toBe(EXACT);
    expect(compareDate(d('19800102'), d('19551230'))).toBe(DIFFERENT);
  });

  it('compares numbers with relative tolerance', () => {
    expect(compareNumber(100, 100)).toBe(EXACT);
    expect(compareNumber(100, 97)).toBe(CLOSE);
    expect(compareNumber(100, 85)).toBe(FUZZY);
    expect(compareNumber(100, 10)).toBe(DIFFERENT);
    expect(compareNumber(null, 10)).toBe(MISSING);
  });
});
