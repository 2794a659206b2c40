import { describe, expect, it } from 'vitest';

import { formatProbability, probabilityBand } from '../../../src/matching/probability-band.js';

describe('formatProbability', () => {
  it('writes a whole percentage with its band, never rounding up to certainty', () => {
    expect(formatProbability(0.973)).toBe('97% (95–99%)');
    expect(formatProbability(0.9996)).toBe('99% (99–100%)');
    expect(formatProbability(0.905)).toBe('90% (90–95%)');
    expect(formatProbability(0.62)).toBe('62% (60–75%)');
  });

  it('puts each score in one band', () => {
    expect(probabilityBand(0.95)).toBe('95–99%');
    expect(probabilityBand(0.7499)).toBe('60–75%');
    expect(probabilityBand(0.1)).toBe('under 60%');
  });
});
