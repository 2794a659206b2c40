/**
 * Jaro–Winkler similarity in [0, 1] (Winkler 1990: prefix scale 0.1, common prefix capped at 4).
 *
 * Hand-written on purpose: the npm packages checked (`@skyra/jaro-winkler` 1.1.1) count a 5-character
 * prefix when the first four agree and use a wider match window than the definition, which inflates
 * scores (JONATHAN/JONATHON 0.958 instead of 0.950); they also allocate per call, which matters in the
 * comparison loop. Works on UTF-16 code units: inputs are already folded to ASCII.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la <= WORD && lb <= WORD) matchByMask(a, b);
  else matchByScan(a, b);
  const matches = counts[0] ?? 0;
  if (matches === 0) return 0;
  const halfTranspositions = counts[1] ?? 0;
  const jaro = (matches / la + matches / lb + (matches - halfTranspositions / 2) / matches) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** What the matching found: matched characters, and matched characters out of order (half transpositions). */
const counts = new Int32Array(2);
/** Strings up to this long are matched with one 32-bit mask per side. */
const WORD = 32;
/** Per code unit, the positions of `b` holding it (low 7 bits only; other code units are compared again). */
const positions = new Int32Array(128);

/** The bits `lo`..`hi` set. */
function span(lo: number, hi: number): number {
  const width = hi - lo + 1;
  if (width <= 0) return 0;
  return (width >= WORD ? -1 : (1 << width) - 1) << lo;
}

/**
 * The matching of {@link matchByScan} (each character of `a` takes the first unmatched equal
 * character of `b` within the window), with the positions of `b` held as bits: a character's
 * candidates are one AND, its match the lowest bit. Writes {@link counts}.
 */
function matchByMask(a: string, b: string): void {
  const la = a.length;
  const lb = b.length;
  for (let j = 0; j < lb; j++) {
    const slot = b.charCodeAt(j) & 127;
    positions[slot] = (positions[slot] ?? 0) | (1 << j);
  }
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matchedA = 0;
  let matchedB = 0;
  for (let i = 0; i < la; i++) {
    const ca = a.charCodeAt(i);
    let free =
      (positions[ca & 127] ?? 0) & ~matchedB & span(Math.max(0, i - window), Math.min(lb - 1, i + window));
    while (free !== 0) {
      const bit = free & -free;
      if (b.charCodeAt(31 - Math.clz32(bit)) === ca) {
        matchedA |= 1 << i;
        matchedB |= bit;
        break;
      }
      free &= ~bit;
    }
  }
  for (let j = 0; j < lb; j++) positions[b.charCodeAt(j) & 127] = 0;
  counts[0] = popCount(matchedA);
  counts[1] = halfTranspositionsOf(a, b, matchedA, matchedB);
}

/** Matched characters taken in order from each side that differ. */
function halfTranspositionsOf(a: string, b: string, matchedA: number, matchedB: number): number {
  let half = 0;
  let restA = matchedA;
  let restB = matchedB;
  while (restA !== 0) {
    const bitA = restA & -restA;
    const bitB = restB & -restB;
    if (a.charCodeAt(31 - Math.clz32(bitA)) !== b.charCodeAt(31 - Math.clz32(bitB))) half++;
    restA &= ~bitA;
    restB &= ~bitB;
  }
  return half;
}

function popCount(bits: number): number {
  let v = bits - ((bits >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** The matching for strings of any length, with a flag per character. Writes {@link counts}. */
function matchByScan(a: string, b: string): void {
  const la = a.length;
  const lb = b.length;
  if (flagsA.length < la) flagsA = new Uint8Array(la * 2);
  if (flagsB.length < lb) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const ca = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === ca) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  let half = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) half++;
    j++;
  }
  counts[0] = matches;
  counts[1] = half;
}
