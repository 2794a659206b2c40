import { describe, expect, it } from 'vitest';
import type { BudgetRoom } from '../../../connectors/batch-policy.js';
import { awaitBatch, type BatchSource } from '../../../jobs/shared/await-batch.js';

/** Virtual time: records arrive at `perMs`, the bucket refills at `refillPerMs`, sleeping advances both. */
function world(options: { perMs: number; tokens: number; refillPerMs: number; initial?: number }) {
  let t = 0;
  const slept: number[] = [];
  const source: BatchSource = {
    queued: () => Promise.resolve((options.initial ?? 1) + Math.floor(t * options.perMs)),
    fullAt: 100,
    calls: (n) => Math.ceil(n / 100) + 1,
  };
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
    const w = world({ perMs: 0, tokens: 10, refillPerMs: 0.01 });
    w.source = { ...w.source, queued: () => Promise.resolve(7) };
    expect(await awaitBatch(w.source, w.budget, { signal, now: w.now, sleep: w.sleep })).toBe(7);
    expect(w.slept).toEqual([]);
  });

  it('keeps collecting under a tight budget until the calls are allowed, polling the queue meanwhile', async () => {
    // 1 record per 10 ms arriving, the bucket empty and 1 token per 200 ms back: 2 calls need 400 ms.
    const w = world({ perMs: 0.1, tokens: 0, refillPerMs: 0.005 });
    const queued = await awaitBatch(w.source, w.budget, { signal, now: w.now, sleep: w.sleep, pollMs: 25 });
    expect(w.elapsed()).toBe(400);
    expect(queued).toBe(41);
    expect(Math.max(...w.slept)).toBeLessThanOrEqual(25);
  });

  it('sends the full batch as soon as there is one, before the budget has room', async () => {
    // 1 record per ms: full (100) at the poll after 99 ms, long before 2 tokens (2,000 ms) are back.
    const w = world({ perMs: 1, tokens: 0, refillPerMs: 0.001 });
    const queued = await awaitBatch(w.source, w.budget, { signal, now: w.now, sleep: w.sleep, pollMs: 25 });
    expect(queued).toBe(100);
    expect(w.elapsed()).toBe(100);
  });

  it('gives up waiting after maxWaitMs and sends what it has', async () => {
    const w = world({ perMs: 0.01, tokens: 0, refillPerMs: 0 });
    const queued = await awaitBatch(w.source, w.budget, {
      signal,
      now: w.now,
      sleep: w.sleep,
      maxWaitMs: 1_000,
    });
    expect(w.elapsed()).toBe(1_000);
    expect(queued).toBe(11);
  });

  it('never waits without a budget, and reports an empty queue as 0', async () => {
    const w = world({ perMs: 0, tokens: 0, refillPerMs: 0, initial: 0 });
    expect(await awaitBatch(w.source, undefined, { signal, now: w.now, sleep: w.sleep })).toBe(0);
    expect(await awaitBatch(w.source, w.budget, { signal, now: w.now, sleep: w.sleep })).toBe(0);
    expect(w.slept).toEqual([]);
  });
});
