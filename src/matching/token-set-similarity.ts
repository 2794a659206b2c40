import { jaroWinkler } from './jaro-winkler.js';

/**
 * Token-set similarity in [0, 1] for multi-word values (company names, street lines): each token of the
 * shorter list is paired with its best Jaro–Winkler match in the other list, and the mean of those
 * best matches is weighted by how much of the longer list was covered. Word order does not matter:
 * "acme global services" vs "global acme services" → 1.
 */
export function tokenSetSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let total = 0;
  for (const token of short) {
    let best = 0;
    for (const other of long) {
      const sim = token === other ? 1 : jaroWinkler(token, other);
      if (sim > best) best = sim;
      if (best === 1) break;
    }
    total += best;
  }
  const coverage = (2 * short.length) / (short.length + long.length);
  return (total / short.length) * (0.5 + 0.5 * coverage);
}
