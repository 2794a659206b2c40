import { describe, expect, it } from 'vitest';

import { CodedColumn } from '../../../src/matching/coded-column.js';
import { StringColumn } from '../../../src/matching/string-column.js';

describe('StringColumn', () => {
  it('gives back every value, null and empty ones included, across chunk boundaries', () => {
    const column = new StringColumn();
    const values = Array.from({ length: 10_000 }, (_, i) =>
      i % 7 === 0 ? null : i % 11 === 0 ? '' : `value-${i}-${'x'.repeat(i % 13)}`,
    );
    values.slice(0, 5000).forEach((value) => column.push(value));
    // Read while the last chunk is still open, then add more (the open chunk's text must not go stale).
    expect(column.get(4999)).toBe(values[4999]);
    values.slice(5000).forEach((value) => column.push(value));
    expect(column.length).toBe(values.length);
    values.forEach((value, i) => expect(column.get(i)).toBe(value));
  });

  it('reads null outside the column', () => {
    const column = new StringColumn();
    column.push('a');
    expect(column.get(-1)).toBeNull();
    expect(column.get(1)).toBeNull();
  });

  it('keeps values with characters outside Latin-1', () => {
    const column = new StringColumn();
    ['Zoë', '李', 'Ωmega', null].forEach((value) => column.push(value));
    expect([0, 1, 2, 3].map((i) => column.get(i))).toEqual(['Zoë', '李', 'Ωmega', null]);
  });
});

describe('CodedColumn', () => {
  it('gives back every value as its codes widen, and the missing value outside the column', () => {
    const column = new CodedColumn<string | null>();
    const values = Array.from({ length: 150_000 }, (_, i) => (i % 5 === 0 ? null : `v${i % 100_000}`));
    values.forEach((value) => column.push(value));
    expect(column.length).toBe(values.length);
    expect(values.map((_, i) => column.get(i, 'missing'))).toEqual(values);
    expect(column.get(values.length, 'missing')).toBe('missing');
    expect(column.get(-1, 'missing')).toBe('missing');
  });

  it('holds equal values once and gives back the one held first', () => {
    const column = new CodedColumn<readonly string[]>();
    const empty: readonly string[] = [];
    expect(column.push(empty)).toBe(empty);
    expect(column.push(['a'])).toEqual(['a']);
    expect(column.push(empty)).toBe(empty);
    expect(column.get(2, ['missing'])).toBe(empty);
  });
});
