import { describe, expect, it } from 'vitest';
import { allocateLargestRemainder } from '../../../src/attribution/allocate-largest-remainder.js';
import { attributeDeal } from '../../../src/attribution/attribute-deal.js';
import { AttributionConfig, AttributionModel } from '../../../src/attribution/attribution-config.js';
import { currencyMinorDigits } from '../../../src/attribution/currency-minor-digits.js';
import { input, opportunity, registration, seeded, touch } from './fixtures.js';

const threeWay = [
  touch('P-1', '2026-02-01T00:00:00.000Z'),
  touch('P-2', '2026-02-02T00:00:00.000Z'),
  touch('P-3', '2026-02-03T00:00:00.000Z'),
];

describe('credit rounding', () => {
  it.each([
    { amount: 100, currency: 'USD', credited: [33.34, 33.33, 33.33] },
    { amount: 0.01, currency: 'USD', credited: [0.01, 0, 0] },
    { amount: 0.02, currency: 'EUR', credited: [0.01, 0.01, 0] },
    { amount: 1000, currency: 'JPY', credited: [334, 333, 333] },
    { amount: 1, currency: 'JPY', credited: [1, 0, 0] },
    { amount: 1, currency: 'KWD', credited: [0.334, 0.333, 0.333] },
    { amount: -100, currency: 'USD', credited: [-33.34, -33.33, -33.33] },
  ])('splits $amount $currency three ways as $credited', ({ amount, currency, credited }) => {
    const decision = attributeDeal(
      input({ opportunity: opportunity({ amount, currency }), touches: threeWay }),
    );
    expect(decision.credits.map((c) => c.creditedAmount)).toEqual(credited);
    expect(decision.credits.map((c) => c.creditPercent)).toEqual([33.34, 33.33, 33.33]);
  });

  it('reads minor-unit digits from the currency', () => {
    expect(['USD', 'JPY', 'KWD', 'EUR'].map(currencyMinorDigits)).toEqual([2, 0, 3, 2]);
  });

  it('gives percentages only when the opportunity has no amount', () => {
    const decision = attributeDeal(input({ opportunity: opportunity({ amount: null }), touches: threeWay }));
    expect(decision.credits.map((c) => [c.creditPercent, c.creditedAmount, c.creditedMinor])).toEqual([
      [33.34, null, null],
      [33.33, null, null],
      [33.33, null, null],
    ]);
    expect(decision.junctionRows.every((r) => r.creditedAmount === null)).toBe(true);
  });

  it('allocates integer totals exactly with ties going to the larger weight, then the earlier index', () => {
    expect(allocateLargestRemainder(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(allocateLargestRemainder(1n, [1n, 2n])).toEqual([0n, 1n]);
    expect(allocateLargestRemainder(5n, [0n, 0n])).toEqual([0n, 0n]);
  });

  it('always sums credits to the amount and percentages to 100 for random touch sets', () => {
    const random = seeded(20260301);
    const models = AttributionModel.options;
    const currencies = ['USD', 'JPY', 'KWD', 'EUR'];
    for (let run = 0; run < 500; run += 1) {
      const count = 1 + Math.floor(random() * 12);
      const touches = Array.from({ length: count }, () =>
        touch(
          `P-${1 + Math.floor(random() * 6)}`,
          new Date(
            Date.parse('2025-12-01T00:00:00.000Z') + Math.floor(random() * 120) * 86_400_000,
          ).toISOString(),
        ),
      );
      const currency = currencies[run % currencies.length] ?? 'USD';
      const digits = currencyMinorDigits(currency);
      const minor = Math.floor(random() * 10 ** 9);
      const amount = minor / 10 ** digits;
      const sourced = random() < 0.5;
      const decision = attributeDeal(
        input({
          opportunity: opportunity({ amount, currency }),
          touches,
          registrations: sourced ? [registration('R-1', { partnerId: 'P-1' })] : [],
        }),
        AttributionConfig.parse({ model: models[run % models.length], halfLifeDays: 1 + random() * 30 }),
      );
      const influenced = decision.credits.filter((c) => c.role === 'influenced');
      if (influenced.length > 0) {
        expect(influenced.reduce((acc, c) => acc + (c.creditedMinor ?? 0), 0)).toBe(minor);
        expect(influenced.reduce((acc, c) => acc + Math.round(c.creditPercent * 100), 0)).toBe(10_000);
      }
      if (sourced) expect(decision.influencingPartnerIds).not.toContain('P-1');
      expect(new Set(decision.junctionRows.map((r) => r.externalKey)).size).toBe(
        decision.junctionRows.length,
      );
    }
  });
});
