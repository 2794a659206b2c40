import { afterAll, describe, expect, it } from 'vitest';

import { bulkDedupe } from '../../../src/matching/bulk-dedupe.js';
import type { MatchRecord } from '../../../src/matching/match-record.js';
import { preparedFieldsOf, preparerFor } from '../../../src/matching/prepare-record.js';
import { createPreparePool } from '../../../src/parallel/prepare-pool.js';
import { syntheticLeads } from '../../../bench/dedupe-synthetic.js';

const pool = createPreparePool(2);
afterAll(() => pool.close());

/** Synthetic leads with a mobile on every third and no country on every fifth (national phones). */
function leads(count: number): MatchRecord[] {
  return [...syntheticLeads(count, 5, 0.2)].map((r, i) => ({
    ...r,
    ...(i % 3 === 0 ? { mobilePhone: r.phone } : {}),
    ...(i % 5 === 0 ? { country: null } : {}),
  }));
}

describe('normalising in worker threads', () => {
  it(
    'finds exactly the pairs, scores and reasons found without worker threads',
    { timeout: 90_000 },
    async () => {
      const records = leads(2500);
      const alone = await bulkDedupe(records, { defaultCountry: 'US' });
      const threaded = await bulkDedupe(records, { defaultCountry: 'US', prepareBatch: pool.prepareBatch });
      expect(alone.pairs.length).toBeGreaterThan(50);
      expect(threaded.pairs).toEqual(alone.pairs);
      expect(threaded.stats).toEqual(alone.stats);
    },
  );

  it('hands back the same normalised fields a preparer in this thread makes', async () => {
    const records = leads(300);
    const fields = await pool.prepareBatch(records, 'GB');
    const prepare = preparerFor({ defaultCountry: 'GB' });
    expect(fields).toEqual(records.map((r) => preparedFieldsOf(prepare(r))));
  });

  it('reports a batch that fails in a worker as an error of the run', async () => {
    const bad = [{ id: 'L1', kind: 'lead', firstName: 42 } as unknown as MatchRecord];
    await expect(bulkDedupe(bad, { prepareBatch: pool.prepareBatch })).rejects.toThrow();
  });
});
