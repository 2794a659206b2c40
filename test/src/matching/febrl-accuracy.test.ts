import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadFebrl, scorePairs, truePairCount } from '../../../bench/dedupe-febrl.js';
import { bulkDedupe } from '../../../src/matching/bulk-dedupe.js';
import { candidatePairs } from '../../../src/matching/candidate-pairs.js';
import { estimateWeights } from '../../../src/matching/estimate-weights.js';
import { createPersonMatcher } from '../../../src/matching/match-people.js';
import { prepareRecord } from '../../../src/matching/prepare-record.js';

const data = join(import.meta.dirname, '../../../bench/data/febrl');

describe('FEBRL accuracy', () => {
  it('dedupes dataset3 with F1 ≥ 0.97 without the social security id', async () => {
    const records = await loadFebrl(join(data, 'dataset3.csv'), { useSocSecId: false });
    const { pairs } = await bulkDedupe(records);
    const accuracy = scorePairs(
      pairs.filter((p) => p.decision === 'duplicate'),
      truePairCount(records, false),
    );
    expect(accuracy.f1).toBeGreaterThanOrEqual(0.97);
    expect(accuracy.precision).toBeGreaterThanOrEqual(0.99);
  });

  it('links dataset4a to dataset4b with F1 ≥ 0.97 without the social security id', async () => {
    const a = await loadFebrl(join(data, 'dataset4a.csv'), { useSocSecId: false, idPrefix: 'a:' });
    const b = await loadFebrl(join(data, 'dataset4b.csv'), { useSocSecId: false, idPrefix: 'b:' });
    const { pairs } = await bulkDedupe([...a, ...b], {
      shouldCompare: (x, y) => x.id.charAt(0) !== y.id.charAt(0),
    });
    expect(
      scorePairs(
        pairs.filter((p) => p.decision === 'duplicate'),
        5000,
      ).f1,
    ).toBeGreaterThanOrEqual(0.97);
  });

  it('fits EM weights on dataset3 that keep F1 ≥ 0.97', async () => {
    const records = await loadFebrl(join(data, 'dataset3.csv'), { useSocSecId: false });
    const prepared = records.map(prepareRecord).sort((x, y) => (x.id < y.id ? -1 : 1));
    const parameters = estimateWeights(prepared, candidatePairs(prepared));
    expect(parameters.levels.dateOfBirth.exact?.m ?? 0).toBeGreaterThan(
      parameters.levels.dateOfBirth.exact?.u ?? 1,
    );
    const { pairs } = await bulkDedupe(records, { matcher: createPersonMatcher({ parameters }) });
    expect(
      scorePairs(
        pairs.filter((p) => p.decision === 'duplicate'),
        truePairCount(records, false),
      ).f1,
    ).toBeGreaterThanOrEqual(0.97);
  });
});
