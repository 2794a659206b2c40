import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RateBudget } from '../../../connectors/rate-budget.js';
import { hubspotBudget } from '../../../connectors/rate-budget-presets.js';
import { awaitBatch } from '../../../jobs/shared/await-batch.js';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
const keys: string[] = [];
afterAll(async () => {
  for (const key of keys) {
    const found = await redis.keys(`${key}*`);
    if (found.length > 0) await redis.del(...found);
  }
  await redis.quit();
});

const signal = new AbortController().signal;

/**
 * A Starter portal's budget in Redis (100 / 10 s, bucket 10 + 8.8/s) and `perSecond` changed records a
 * second arriving for `seconds` of virtual time. Each batch waits on the policy, then spends one budget
 * token per call (re-reads of 100, one association read per 1,000), as the HubSpot connector does.
 */
async function drive(
  perSecond: number,
  seconds: number,
): Promise<{ calls: number[]; batches: number[]; left: number }> {
  const key = `ps:{batch-test-${randomUUID()}}:budget`;
  keys.push(key);
  let t = Date.parse('2026-12-01T12:00:00Z');
  const start = t;
  const sleep = (ms: number): Promise<void> => {
    t += ms;
    return Promise.resolve();
  };
  const budget = new RateBudget(redis, key, hubspotBudget('starter', { dailyShare: 1 }), {
    now: () => t,
    sleep,
  });
  let taken = 0;
  const total = perSecond * seconds;
  const arrived = (): number => Math.min(total, Math.floor(((t - start) * perSecond) / 1000));
  const source = {
    queued: () => Promise.resolve(arrived() - taken),
    fullAt: 100,
    calls: (n: number) => Math.ceil(n / 100) + Math.ceil(n / 1000),
  };
  const calls: number[] = [];
  const batches: number[] = [];
  while (t - start < 60_000 && (arrived() < total || arrived() > taken)) {
    const queued = await awaitBatch(
      source,
      { room: () => budget.room('default') },
      { signal, now: () => t, sleep },
    );
    if (queued === 0) {
      await sleep(100); // the next window
      continue;
    }
    const batch = Math.min(queued, 1_000);
    for (let c = 0; c < source.calls(batch); c += 1) {
      await budget.acquire('default', 1, signal);
      calls.push(t - start);
    }
    batches.push(batch);
    taken += batch;
  }
  return { calls, batches, left: arrived() - taken };
}

/** Calls in the rolling window ending at each call never exceed HubSpot's 100 / 10 s nor the bucket's 10 + 8.8/s. */
function expectInsideBudget(calls: readonly number[]): void {
  for (const at of calls) {
    expect(calls.filter((c) => c > at - 10_000 && c <= at).length).toBeLessThanOrEqual(100);
    expect(calls.filter((c) => c > at - 1_000 && c <= at).length).toBeLessThanOrEqual(10 + 9);
  }
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('batching under a tight budget (real Redis)', () => {
  it('grows batches past one window at 200/s, spends the budget while work waits, never exceeds it', async () => {
    const { calls, batches, left } = await drive(200, 20);
    expect(left).toBe(0);
    expectInsideBudget(calls);
    // One 100 ms window holds 20 records; once the first burst has spent the bucket batches carry 40+.
    expect(mean(batches.slice(10))).toBeGreaterThanOrEqual(40);
    // No idle budget: 20 s at 8.8 calls/s after a 10-call burst is about 186 calls; all of it is used.
    expect(calls.length).toBeGreaterThanOrEqual(170);
  });

  it('sends only full batches at 600/s, beyond what 100-record rounds could carry', async () => {
    const { calls, batches, left } = await drive(600, 10);
    expect(left).toBe(0);
    expectInsideBudget(calls);
    // After the first burst (the bucket's 10 tokens), every batch is a whole number of full re-reads.
    for (const batch of batches.slice(10, -1)) expect(batch % 100).toBe(0);
    // 6,000 records: 60 re-reads + 6 association reads at full batches; each round under 1,000 pays
    // its own association read, and the burst and the tail their partial ones.
    expect(calls.length).toBeLessThanOrEqual(60 + batches.length + 10);
  });
});
