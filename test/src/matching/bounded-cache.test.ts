import { describe, expect, it } from 'vitest';

import { BoundedCache } from '../../../src/matching/bounded-cache.js';

describe('BoundedCache', () => {
  it('computes a key once while under its limit, then computes new keys without remembering them', () => {
    const computed: string[] = [];
    const cache = new BoundedCache<string | null>(2);
    const read = (key: string): string | null =>
      cache.get(key, () => {
        computed.push(key);
        return key === 'none' ? null : key.toUpperCase();
      });
    expect([read('a'), read('none'), read('a'), read('none')]).toEqual(['A', null, 'A', null]);
    expect(computed).toEqual(['a', 'none']);
    expect([read('b'), read('b'), read('a')]).toEqual(['B', 'B', 'A']);
    expect(computed).toEqual(['a', 'none', 'b', 'b']);
  });
});
