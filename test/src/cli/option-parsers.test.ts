import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { oneOf, parseDay } from '../../../src/cli/option-parsers.js';

describe('parseDay', () => {
  it('takes a calendar day as YYYY-MM-DD', () => {
    expect(parseDay('2026-12-05')).toBe('2026-12-05');
    expect(parseDay('2028-02-29')).toBe('2028-02-29');
  });

  it.each(['2026-02-30', '2027-02-29', '2026-13-01', '5 Dec 2026', '2026-12-5', ''])(
    'refuses %j with the expected format in the message',
    (value) => {
      expect(() => parseDay(value)).toThrow(new InvalidArgumentError('a date as YYYY-MM-DD'));
    },
  );
});

describe('oneOf', () => {
  const format = oneOf(['table', 'csv'] as const);

  it('returns the word when it is one of the options', () => {
    expect(format('csv')).toBe('csv');
  });

  it('names every option when the word is not one of them', () => {
    expect(() => format('CSV')).toThrow('one of table, csv');
  });
});
