/** Probability bands a rep reads beside a duplicate flag, highest first. */
const BANDS: readonly (readonly [number, string])[] = [
  [0.99, '99–100%'],
  [0.95, '95–99%'],
  [0.9, '90–95%'],
  [0.75, '75–90%'],
  [0.6, '60–75%'],
  [0, 'under 60%'],
];

/** The band a match probability falls in ("95–99%"). */
export function probabilityBand(score: number): string {
  return (BANDS.find(([low]) => score >= low) ?? BANDS[BANDS.length - 1] ?? [0, ''])[1];
}

/**
 * A match probability as a rep reads it: a whole percentage, never rounded up to a certainty it has
 * not reached (0.996 → "99%"), with its band: "97% (95–99%)". The score is calibrated on the labelled
 * CRM benchmark: of the pairs written with 97%, about 97 in 100 are the same person.
 */
export function formatProbability(score: number): string {
  const percent = Math.min(99, Math.floor(score * 100));
  return `${percent}% (${probabilityBand(score)})`;
}
