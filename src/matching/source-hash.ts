import { KeyHashBuilder, keyHash } from './key-hash.js';
import type { MatchRecord } from './match-record.js';
import { SOURCE_KEYS } from './compact-record.js';

// The characters of the JSON text hashed: `["id","lead",0,…]`.
const OPEN = 91; // [
const CLOSE = 93; // ]
const QUOTE = 34; // "
const BACKSLASH = 92; // \
const COMMA = 44; // ,
const ZERO = 48; // 0, a missing field

/** A character JSON writes escaped: a quote, a backslash, a control character or a surrogate. */
function escaped(c: number): boolean {
  return c < 0x20 || c === QUOTE || c === BACKSLASH || (c >= 0xd800 && c <= 0xdfff);
}

/** The hash the slow way: of the JSON array of every source field, missing ones as 0. */
function hashOfJson(source: MatchRecord): number {
  return keyHash(JSON.stringify(SOURCE_KEYS.map((key) => source[key] ?? 0)));
}

/**
 * A 53-bit hash of the whole source record, so records sharing an id can be put in a fixed order:
 * {@link keyHash} of the JSON array of its fields (missing ones as 0), hashed as it would be written
 * instead of written first. A value JSON would escape (rare) falls back to writing it.
 */
export function sourceHash(source: MatchRecord): number {
  let length = SOURCE_KEYS.length + 1;
  for (const key of SOURCE_KEYS) {
    const value = source[key];
    if (value == null) length += 1;
    else if (typeof value === 'string') length += value.length + 2;
    else return hashOfJson(source);
  }
  const hash = new KeyHashBuilder(length);
  hash.add(OPEN);
  for (let k = 0; k < SOURCE_KEYS.length; k++) {
    if (k > 0) hash.add(COMMA);
    const value = source[SOURCE_KEYS[k] ?? 'id'];
    if (value == null) {
      hash.add(ZERO);
      continue;
    }
    hash.add(QUOTE);
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (escaped(c)) return hashOfJson(source);
      hash.add(c);
    }
    hash.add(QUOTE);
  }
  hash.add(CLOSE);
  return hash.hash;
}
