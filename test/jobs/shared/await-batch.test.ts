import { describe, expect, it } from 'vitest';
import type { BudgetRoom, PendingWork } from '../../../connectors/batch-policy.js';
import { awaitBatch, type BatchSource } from '../../../jobs/shared/await-batch.js';

/**
 * Virtual time: records arrive at `perMs` (the first `initial` already waiting, `age` ms old), the bucket
 * refills at `refillPerMs`, sleeping advances both. Batches are full at 100 records, 1 call per 100.
 */
function world(options: {
  perMs: number;
  tokens: number;
  refillPerMs: number;
  initial?: number;
  age?: number;
}) {
  let t = 0;
  const slept: number[] = [];
  const work = (): PendingWork => {
    const queued = (options.initial ?? 1) + Math.floor(t * options.perMs);
    return {
      kind: 'write',
      queued,
      oldestAgeMs: queued > 0 ? (options.age ?? 0) + t : 0,
      fullAt: 100,
      callsNow: Math.ceil(queued / 100),
      callsPerRecordAtFull: 0.01,
    };
  };
  const source: BatchSource = { pending: () => Promise.resolve(work()), others: () => Promise.resolve([]) };
  const budget = {
    room: (): Promise<BudgetRoom> =>
      Promise.resolve({
        tokens: Math.min(10, options.tokens + t * options.refillPerMs),
        capacity: 10,
        refillPerMs: options.refillPerMs,
        pausedForMs: 0,
      }),
  };
  const sleep = (ms: number): Promise<void> => {
    slept.push(ms);
    t += ms;
    return Promise.resolve();
  };
  return { source, budget, sleep, now: () => t, slept, elapsed: () => t };
}

const signal = new AbortController().signal;

describe('awaitBatch', () => {
  it('returns at once while the budget has room', async () => {
    const w = world({ perMs: 0, tokens: 10, refillPerMs: 0.01, initial: 7 });
    expect(await awaitBatch(w.source, w.budget, { signal, now: w.now, sleep: w.sleep })).toBe(7);
    expect(w.slept).toEqual([]);
  });

  it('keeps collecting under a tight budget until the latency bound, polling the queue meanwhile', async () => {
    // 1 record per 10 ms, an empty bucket that never refills: the batch goes at the 2 s bound.
    const w = world({ perMs: 0.01, tokens: 0, refillPerMs: 0 });
    const queued = await awaitBatch(w.source, w.budget, { signal, now: w.now, sleep: w.sleep, pollMs: 25 });
    expect(w.elapsed()).toBe(2_000);
    expect(queued).toBe(21);
    expect(Math.max(...w.slept)).toBeLessThanOrEqual(25);
  });

  it('counts the oldest record’s age from before the call: a batch already old goes sooner', async () => {
    const w = world({ perMs: 0.01, tokens: 0, refillPerMs: 0, age: 1_500 });
    await awaitBatch(w.source, w.budget, { signal, now: w.now, sleep: w.sleep });
    expect(w.elapsed()).toBe(500);
  });

  it('counts the bound from when this stage last took a batch, not from a late record’s change', async () => {
    // The oldest change is 5 s old (it reached the queue late); this stage took its last batch 500 ms ago.
    const w = world({ perMs: 0.01, tokens: 0, refillPerMs: 0, age: 5_000 });
    await awaitBatch(w.source, w.budget, { signal, now: w.now, sleep: w.sleep, since: -500 });
    expect(w.elapsed()).toBe(1_500);
  });

  it('holds a batch no longer than the bound even when the vendor’s clock makes its records look new', async () => {
    const w = world({ perMs: 0.01, tokens: 0, refillPerMs: 0, age: -60_000 });
    await awaitBatch(w.source, w.budget, { signal, now: w.now, sleep: w.sleep });
    expect(w.elapsed()).toBe(2_000);
  });

  it('sends the full batch as soon as there is one, before the budget has room', async () => {
    // 1 record per ms: full (100) at the poll after 99 ms, long before the bucket has room.
    const w = world({ perMs: 1, tokens: 0, refillPerMs: 0.001 });
    const queued = await awaitBatch(w.source, w.budget, { signal, now: w.now, sleep: w.sleep, pollMs: 25 });
    expect(queued).toBe(100);
    expect(w.elapsed()).toBe(100);
  });

  it('never waits without a budget, and reports an empty queue as 0', async () => {
    const w = world({ perMs: 0, tokens: 0, refillPerMs: 0, initial: 0 });
    expect(await awaitBatch(w.source, undefined, { signal, now: w.now, sleep: w.sleep })).toBe(0);
    expect(await awaitBatch(w.source, w.budget, { signal, now: w.now, sleep: w.sleep })).toBe(0);
    expect(w.slept).toEqual([]);
  });
});
