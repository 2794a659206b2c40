/**
 * A 53-bit hash of a blocking key (two 32-bit FNV-1a variants combined), so millions of keys can be
 * held as numbers in typed arrays instead of strings in a Map. Collisions only add candidate pairs,
 * which scoring then rejects; they never hide a match.
 */
export function keyHash(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/** {@link keyHash} of a text given a character at a time, without building it; its length is known up front. */
export class KeyHashBuilder {
  private h1 = 0x811c9dc5;
  private h2: number;

  constructor(length: number) {
    this.h2 = 0x01000193 ^ length;
  }

  add(c: number): void {
    this.h1 = Math.imul(this.h1 ^ c, 0x01000193);
    this.h2 = Math.imul(this.h2 ^ c, 0x5bd1e995);
    this.h2 ^= this.h2 >>> 15;
  }

  get hash(): number {
    return (this.h1 >>> 0) * 0x200000 + ((this.h2 >>> 0) & 0x1fffff);
  }
}
