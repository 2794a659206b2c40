import { describe, expect, it } from 'vitest';

import { StringColumn, ValueColumn } from '../../../src/matching/string-column.js';

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

describe('ValueColumn', () => {
  it('gives back every value across chunk boundaries, and the missing value outside the column', () => {
    const column = new ValueColumn<number | null>();
    for (let i = 0; i < 10_000; i++) column.push(i % 5 === 0 ? null : i);
    expect(column.length).toBe(10_000);
    for (let i = 0; i < 10_000; i++) expect(column.get(i, -1)).toBe(i % 5 === 0 ? null : i);
    expect(column.get(10_000, -1)).toBe(-1);
    expect(column.get(-1, -1)).toBe(-1);
  });
});
