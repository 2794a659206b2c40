/** The bands a rep reads beside a duplicate flag, highest first (lower bound of the match probability). */
const BANDS: readonly (readonly [number, string])[] = [
  [0.95, 'Very likely duplicate'],
  [0.8, 'Likely duplicate'],
  [0.6, 'Possible duplicate'],
  [0, 'Unlikely duplicate'],
];

/** A match probability as a whole percentage a rep can trust: never rounded up to a certainty (0.996 → 99). */
export function duplicatePercent(score: number): number {
  return Math.max(0, Math.min(99, Math.floor(score * 100)));
}

/** The band's words for a match probability ("Very likely duplicate"). */
export function duplicateBand(score: number): string {
  return (BANDS.find(([low]) => score >= low) ?? BANDS[BANDS.length - 1] ?? [0, ''])[1];
}

/** "Very likely duplicate, 97 %": the band and the percentage, as the duplicate reason starts. */
export function duplicateLikelihood(score: number): string {
  return `${duplicateBand(score)}, ${duplicatePercent(score)} %`;
}
