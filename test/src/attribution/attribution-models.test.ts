import { describe, expect, it } from 'vitest';
import { attributeDeal } from '../../../src/attribution/attribute-deal.js';
import { AttributionConfig, type AttributionModel } from '../../../src/attribution/attribution-config.js';
import { input, lead, opportunity, touch } from './fixtures.js';

// Opportunity created 2026-03-01, closed 2026-03-31, amount 1,000.00 USD; source lead created 2026-02-01.
const day = (d: string) => `2026-${d}T00:00:00.000Z`;
const TIMELINES: Record<number, string[]> = {
  1: ['01-15'],
  2: ['01-15', '03-10'],
  3: ['01-15', '02-15', '03-10'],
  5: ['01-10', '01-20', '02-10', '03-05', '03-20'],
};
// time-decay timelines sit whole half-lives (7 days) before the close.
const DECAY: Record<number, string[]> = {
  1: ['03-31'],
  2: ['03-24', '03-31'],
  3: ['03-17', '03-24', '03-31'],
  5: ['03-03', '03-10', '03-17', '03-24', '03-31'],
};

const cases: { model: AttributionModel; n: number; percents: number[] }[] = [
  { model: 'linear', n: 1, percents: [100] },
  { model: 'linear', n: 2, percents: [50, 50] },
  { model: 'linear', n: 3, percents: [33.34, 33.33, 33.33] },
  { model: 'linear', n: 5, percents: [20, 20, 20, 20, 20] },
  { model: 'first', n: 1, percents: [100] },
  { model: 'first', n: 2, percents: [100, 0] },
  { model: 'first', n: 3, percents: [100, 0, 0] },
  { model: 'first', n: 5, percents: [100, 0, 0, 0, 0] },
  { model: 'last', n: 1, percents: [100] },
  { model: 'last', n: 2, percents: [0, 100] },
  { model: 'last', n: 3, percents: [0, 0, 100] },
  { model: 'last', n: 5, percents: [0, 0, 0, 0, 100] },
  { model: 'u-shaped', n: 1, percents: [100] },
  { model: 'u-shaped', n: 2, percents: [50, 50] },
  { model: 'u-shaped', n: 3, percents: [40, 20, 40] },
  { model: 'u-shaped', n: 5, percents: [40, 6.67, 6.67, 6.66, 40] },
  { model: 'w-shaped', n: 1, percents: [100] },
  { model: 'w-shaped', n: 2, percents: [90, 10] },
  { model: 'w-shaped', n: 3, percents: [60, 30, 10] },
  { model: 'w-shaped', n: 5, percents: [30, 30, 30, 5, 5] },
  { model: 'time-decay', n: 1, percents: [100] },
  { model: 'time-decay', n: 2, percents: [33.33, 66.67] },
  { model: 'time-decay', n: 3, percents: [14.29, 28.57, 57.14] },
  { model: 'time-decay', n: 5, percents: [3.23, 6.45, 12.9, 25.81, 51.61] },
];

describe('attributeDeal influence models', () => {
  it.each(cases)('splits $model credit over $n touches as $percents', ({ model, n, percents }) => {
    const dates = (model === 'time-decay' ? DECAY : TIMELINES)[n] ?? [];
    const touches = dates.map((d, i) => touch(`P-${i + 1}`, day(d)));
    const decision = attributeDeal(
      input({
        opportunity: opportunity({ sourceLeadId: 'L-1' }),
        leads: [lead('L-1')],
        touches,
      }),
      AttributionConfig.parse({ model }),
    );
    const byPartner = new Map(decision.credits.map((c) => [c.partnerId, c]));
    expect(dates.map((_, i) => byPartner.get(`P-${i + 1}`)?.creditPercent)).toEqual(percents);
    for (const c of decision.credits)
      expect(Math.abs((c.creditedAmount ?? 0) - c.creditPercent * 10)).toBeLessThan(0.5);
    const totalMinor = decision.credits.reduce((acc, c) => acc + (c.creditedMinor ?? 0), 0);
    expect(totalMinor).toBe(100_000);
  });

  it('aggregates several touches of one partner into one credit', () => {
    const touches = [touch('P-1', day('01-15')), touch('P-2', day('02-15')), touch('P-1', day('03-10'))];
    const decision = attributeDeal(input({ touches }));
    expect(decision.credits.map((c) => [c.partnerId, c.creditPercent, c.touchCount])).toEqual([
      ['P-1', 66.67, 2],
      ['P-2', 33.33, 1],
    ]);
  });

  it('renormalises W-shaped shares when the lead-creation anchor is missing', () => {
    const touches = TIMELINES[3]?.map((d, i) => touch(`P-${i + 1}`, day(d))) ?? [];
    const decision = attributeDeal(input({ touches }), AttributionConfig.parse({ model: 'w-shaped' }));
    expect(decision.credits.map((c) => c.creditPercent)).toEqual([42.86, 42.86, 14.28]);
    expect(decision.evidence.countedTouches.map((t) => t.anchors)).toEqual([
      ['first'],
      ['opportunity-creation'],
      ['other'],
    ]);
  });

  it('shares the first-touch credit equally between partners touching at the same instant', () => {
    const touches = [touch('P-1', day('01-15')), touch('P-2', day('01-15')), touch('P-3', day('02-15'))];
    const decision = attributeDeal(input({ touches }), AttributionConfig.parse({ model: 'first' }));
    expect(decision.credits.map((c) => [c.partnerId, c.creditPercent])).toEqual([
      ['P-1', 50],
      ['P-2', 50],
      ['P-3', 0],
    ]);
  });

  it('measures time-decay from now while the opportunity is open', () => {
    const open = opportunity({ isClosed: false, isWon: false, closedAt: null, stage: 'Negotiation' });
    const touches = [touch('P-1', day('03-01')), touch('P-2', day('03-08'))];
    const decision = attributeDeal(
      input({ opportunity: open, touches, now: day('03-15') }),
      AttributionConfig.parse({ model: 'time-decay', halfLifeDays: 7 }),
    );
    expect(decision.evidence.window.endRule).toBe('now');
    expect(decision.credits.map((c) => c.creditPercent)).toEqual([66.67, 33.33]);
  });
});
