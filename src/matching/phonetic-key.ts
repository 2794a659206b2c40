import { doubleMetaphone } from 'double-metaphone';

const CACHE_LIMIT = 200_000;
const cache = new Map<string, readonly [string, string]>();

/**
 * Double Metaphone codes of a folded name ("smith" → ["SM0", "XMT"]). Memoised: names repeat a lot
 * in CRM data, and the result depends on the input only.
 */
export function phoneticCodes(name: string): readonly [string, string] {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const codes = doubleMetaphone(name.replaceAll(' ', ''));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(name, codes);
  return codes;
}

/** The primary Double Metaphone code, used in blocking keys; '' for an empty name. */
export function phoneticKey(name: string): string {
  return phoneticCodes(name)[0];
}

/** True when two names share a primary or alternate Double Metaphone code. */
export function soundAlike(a: string, b: string): boolean {
  const [a1, a2] = phoneticCodes(a);
  const [b1, b2] = phoneticCodes(b);
  if (a1 === '' || b1 === '') return false;
  return a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2;
}
