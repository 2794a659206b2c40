import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RateBudget } from '../../connectors/rate-budget.js';
import { hubspotBudget } from '../../connectors/rate-budget-presets.js';
import { decideBatch, DEFAULT_BATCH_BOUNDS, type PendingWork } from '../../connectors/batch-policy.js';

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

/** One kind's queue in the simulation: when each waiting record arrived, and when its change happened. */
interface SimQueue {
  readonly kind: string;
  readonly arrivals: number[];
  readonly changedAt: number[];
  readonly fullAt: number;
  readonly calls: (records: number) => number;
  readonly callsPerRecordAtFull: number;
  readonly fedBy?: string;
}

const work = (q: SimQueue, t: number): PendingWork => ({
  ...(q.fedBy === undefined ? {} : { fedBy: q.fedBy }),
  kind: q.kind,
  queued: q.arrivals.length,
  oldestAgeMs: t - (q.arrivals[0] ?? t),
  fullAt: q.fullAt,
  callsNow: q.arrivals.length > 0 ? q.calls(q.arrivals.length) : 0,
  callsPerRecordAtFull: q.callsPerRecordAtFull,
});

/**
 * A Starter portal's budget in Redis (100 / 10 s, bucket 10 + 8.8/s) shared by two kinds of work, as on
 * a HubSpot connection: `perSecond` changed records a second arrive for `seconds` of virtual time and
 * wait for their re-read (100 a call, plus one association read per 1,000); each re-read record then
 * waits for its write (100 a call). Every 25 ms each kind asks the policy; a batch spends one token
 * per call, waiting on the bucket as the connectors do.
 */
async function drive(
  perSecond: number,
  seconds: number,
): Promise<{ calls: number[]; records: number; latencies: number[]; left: number }> {
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
  const ingest: SimQueue = {
    kind: 'ingest',
    arrivals: [],
    changedAt: [],
    fullAt: 1_000,
    calls: (n) => Math.ceil(n / 100) + Math.ceil(n / 1_000),
    callsPerRecordAtFull: 11 / 1_000,
  };
  const write: SimQueue = {
    kind: 'write',
    arrivals: [],
    changedAt: [],
    fullAt: 100,
    calls: (n) => Math.ceil(n / 100),
    callsPerRecordAtFull: 1 / 100,
    fedBy: 'ingest',
  };
  const total = perSecond * seconds;
  let created = 0;
  const sent: number[] = [];
  const latencies: number[] = [];
  while (t - start < 120_000 && (created < total || ingest.arrivals.length + write.arrivals.length > 0)) {
    while (created < total && start + (created * 1000) / perSecond <= t) {
      const at = start + Math.ceil((created * 1000) / perSecond);
      ingest.arrivals.push(at);
      ingest.changedAt.push(at);
      created += 1;
    }
    for (const [own, other] of [
      [ingest, write],
      [write, ingest],
    ] as const) {
      const decision = decideBatch(work(own, t), [work(other, t)], await budget.room('default'));
      if (decision.kind !== 'send') continue;
      own.arrivals.splice(0, decision.records);
      const changes = own.changedAt.splice(0, decision.records);
      for (let c = 0; c < own.calls(changes.length); c += 1) {
        await budget.acquire('default', 1, signal);
        sent.push(t - start);
      }
      if (own === ingest) {
        write.arrivals.push(...changes.map(() => t));
        write.changedAt.push(...changes);
      } else latencies.push(...changes.map((c) => t - c));
    }
    await sleep(25);
  }
  return { calls: sent, records: created, latencies, left: total - latencies.length };
}

/** Calls in the rolling window ending at each call never exceed HubSpot's 100 / 10 s nor the bucket's 10 + 8.8/s. */
function expectInsideBudget(calls: readonly number[]): void {
  for (const at of calls) {
    expect(calls.filter((c) => c > at - 10_000 && c <= at).length).toBeLessThanOrEqual(100);
    expect(calls.filter((c) => c > at - 1_000 && c <= at).length).toBeLessThanOrEqual(10 + 9);
  }
}

/** The fewest calls for the mix: re-reads and writes 100 a call, association reads 1,000. */
const fewest = (records: number): number => 2 * Math.ceil(records / 100) + Math.ceil(records / 1_000);
const p99 = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? NaN;

describe('batching under the budget (real Redis, two kinds sharing it)', () => {
  it('at 20/s the budget has room: batches go about a window apart, far below the latency bound', async () => {
    const { calls, latencies, left } = await drive(20, 10);
    expect(left).toBe(0);
    expectInsideBudget(calls);
    expect(Math.max(...latencies)).toBeLessThan(DEFAULT_BATCH_BOUNDS.holdMs);
  });

  it('at 300/s, near the limit, spends the budget on full or latency-bound batches: within 1.2 × the fewest calls', async () => {
    const { calls, records, latencies, left } = await drive(300, 20);
    expect(left).toBe(0);
    expectInsideBudget(calls);
    expect(calls.length).toBeLessThanOrEqual(1.2 * fewest(records));
    // Each stage holds a partial batch up to the bound; the calls of a batch may still queue on the bucket.
    expect(p99(latencies)).toBeLessThanOrEqual(2 * DEFAULT_BATCH_BOUNDS.holdMs + 1_000);
  });

  it('at 400/s (95 % of the budget at full batches) keeps up without exceeding it', async () => {
    const { calls, records, latencies, left } = await drive(400, 20);
    expect(left).toBe(0);
    expectInsideBudget(calls);
    expect(calls.length).toBeLessThanOrEqual(1.1 * fewest(records));
    expect(p99(latencies)).toBeLessThanOrEqual(10_000);
  });
});
