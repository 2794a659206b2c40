import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CrmRateLimitError } from '../../src/core/errors/index.js';
import { RateBudget } from '../../connectors/rate-budget.js';
import type { QuotaWarning, RateBudgetConfig } from '../../connectors/rate-budget.js';
import { hubspotBudget } from '../../connectors/rate-budget-presets.js';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  lazyConnect: false,
  maxRetriesPerRequest: 2,
});
const used: string[] = [];
afterEach(async () => {
  for (const prefix of used.splice(0)) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
});
afterAll(async () => {
  await redis.quit();
});

/** A virtual clock: sleeping advances time instantly, so waits are measured, not endured. */
function clock(start = Date.parse('2024-06-01T12:00:00Z')) {
  let now = start;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
    slept,
  };
}

function budget(config: RateBudgetConfig, c = clock(), onWarning?: (w: QuotaWarning) => void) {
  const key = `ps:{test-${randomUUID()}}:budget`;
  used.push(key);
  return {
    b: new RateBudget(redis, key, config, {
      now: c.now,
      sleep: c.sleep,
      ...(onWarning ? { onWarning } : {}),
    }),
    c,
    key,
  };
}

const signal = () => new AbortController().signal;

describe('RateBudget (real Redis)', () => {
  it('never lets more than 100 calls into any 10-second window for a 100/10s portal', async () => {
    const { b, c } = budget(hubspotBudget('starter', { dailyShare: 1 }));
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      await b.acquire('default', 1, signal());
      times.push(c.now());
    }
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= (times[i] ?? 0) && t < (times[i] ?? 0) + 10_000).length;
      expect(inWindow).toBeLessThanOrEqual(100);
    }
    // Sustained rate ≥ 85 % of the allowed rate.
    const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
    expect(300 / (span / 10_000) / 100).toBeGreaterThanOrEqual(0.85);
  });

  it('shares one bucket between two budget instances on the same key (two workers)', async () => {
    const c = clock();
    const { b, key } = budget({ buckets: { default: { capacity: 5, refillPerSec: 1 } } }, c);
    const other = new RateBudget(
      redis,
      key,
      { buckets: { default: { capacity: 5, refillPerSec: 1 } } },
      { now: c.now, sleep: c.sleep },
    );
    for (let i = 0; i < 3; i++) await b.acquire('default', 1, signal());
    for (let i = 0; i < 2; i++) await other.acquire('default', 1, signal());
    expect(c.slept).toEqual([]);
    await other.acquire('default', 1, signal());
    expect(c.slept.reduce((a, x) => a + x, 0)).toBeGreaterThanOrEqual(1_000);
  });

  it('makes every caller wait out a pause set after a 429 without failing', async () => {
    const { b, c } = budget({ buckets: { default: { capacity: 10, refillPerSec: 10 } } });
    await b.pauseUntil(c.now() + 10_000, 'TEN_SECONDLY_ROLLING');
    const before = c.now();
    await b.acquire('default', 1, signal());
    expect(c.now() - before).toBeGreaterThanOrEqual(10_000);
  });

  it('warns once before the daily share is reached and refuses with DAILY_SHARE when it is', async () => {
    const warnings: QuotaWarning[] = [];
    const { b } = budget(
      {
        buckets: { default: { capacity: 100, refillPerSec: 100 } },
        daily: { limit: 100, share: 0.5, warnAt: 0.8, utcOffsetMinutes: 0 },
      },
      clock(),
      (w) => warnings.push(w),
    );
    for (let i = 0; i < 50; i++) await b.acquire('default', 1, signal());
    expect(warnings).toEqual([expect.objectContaining({ used: 40, cap: 50, limit: 100 })]);
    const err = await b.acquire('default', 1, signal()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrmRateLimitError);
    expect((err as CrmRateLimitError).policy).toBe('DAILY_SHARE');
    expect((err as CrmRateLimitError).retryAfterMs).toBe(12 * 3_600_000);
  });

  it('counts vendor-reported usage (Sforce-Limit-Info) toward the daily share', async () => {
    const { b } = budget({
      buckets: { default: { capacity: 10, refillPerSec: 10 } },
      daily: { limit: 1000, share: 0.8, warnAt: 0.9, utcOffsetMinutes: 0 },
    });
    await b.observeDailyUsage(800);
    await expect(b.acquire('default', 1, signal())).rejects.toBeInstanceOf(CrmRateLimitError);
  });

  it('reports the room a batch may spend: the bucket, and for a paced daily quota its pace too', async () => {
    // Salesforce-like: 86,400 a day at a 1.0 share is 1 call a second; 15 minutes of it may run ahead.
    const daily = { limit: 86_400, share: 1, warnAt: 0.9, utcOffsetMinutes: 0 };
    const buckets = { default: { capacity: 20, refillPerSec: 20 } };
    const paced = budget({ buckets, daily: { ...daily, paceBatches: true } });
    const unpaced = budget({ buckets, daily });
    for (let i = 0; i < 50; i++) await paced.b.acquire('default', 1, signal());
    for (let i = 0; i < 50; i++) await unpaced.b.acquire('default', 1, signal());
    expect((await paced.b.room('default')).tokens).toBeCloseTo(0, 6);
    await paced.c.sleep(1_000);
    const room = await paced.b.room('default');
    expect(room.tokens).toBeCloseTo(20, 6);
    // Noon: 43,200 allowed by now plus 15 minutes ahead (900), capped at 900; 50 spent this day → 900.
    expect(room.pace).toEqual({ tokens: 900, capacity: 900, refillPerMs: 0.001 });
    expect((await unpaced.b.room('default')).pace).toBeUndefined();
  });

  it('a paced quota spent ahead of its pace leaves batching no room until the day catches up', async () => {
    const c = clock(Date.parse('2024-06-01T00:00:30Z'));
    const daily = { limit: 86_400, share: 1, warnAt: 0.9, utcOffsetMinutes: 0, paceBatches: true };
    const { b } = budget({ buckets: { default: { capacity: 1_000, refillPerSec: 1_000 } }, daily }, c);
    for (let i = 0; i < 930; i++) await b.acquire('default', 1, signal());
    // 30 s into the day: 30 allowed by pace + 900 ahead = 930, all spent.
    expect((await b.room('default')).pace?.tokens).toBeCloseTo(0, 6);
    await c.sleep(10_000);
    expect((await b.room('default')).pace?.tokens).toBeCloseTo(10, 6);
  });

  it('reports what is spent today and per bucket now, without spending or refilling anything', async () => {
    const { b, c } = budget({
      buckets: { default: { capacity: 100, refillPerSec: 10 }, search: { capacity: 5, refillPerSec: 15 } },
      daily: { limit: 1000, share: 0.5, warnAt: 0.8, utcOffsetMinutes: 0 },
    });
    expect(await b.usage()).toEqual({
      usedToday: 0,
      capToday: 500,
      warnFrom: 400,
      buckets: [
        { bucket: 'default', usedNow: 0, capacity: 100, windowSeconds: 10 },
        { bucket: 'search', usedNow: 0, capacity: 5, windowSeconds: 1 / 3 },
      ],
    });
    for (let i = 0; i < 30; i++) await b.acquire('default', 1, signal());
    await b.acquire('search', 2, signal());
    await c.sleep(1_000);
    const usage = await b.usage();
    expect(usage.usedToday).toBe(32);
    // 30 spent, 10 refilled in the second since; the search bucket is whole again.
    expect(usage.buckets.map((x) => x.usedNow)).toEqual([20, 0]);
    expect(await b.usage()).toEqual(usage);
    const unlimited = budget({ buckets: { default: { capacity: 10, refillPerSec: 1 } } });
    expect(await unlimited.b.usage()).toMatchObject({ usedToday: 0, capToday: null, warnFrom: null });
  });

  it('stops waiting when the caller aborts', async () => {
    const key = `ps:{test-${randomUUID()}}:budget`;
    used.push(key);
    const b = new RateBudget(redis, key, { buckets: { default: { capacity: 1, refillPerSec: 0.001 } } });
    await b.acquire('default', 1, signal());
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('job cancelled')), 50);
    await expect(b.acquire('default', 1, ac.signal)).rejects.toThrow('job cancelled');
  });

  it('refuses a key without a Redis Cluster hash tag', () => {
    expect(() => new RateBudget(redis, 'ps:conn:budget', { buckets: {} })).toThrow(/hash-tag/);
  });
});
