import { describe, expect, it } from 'vitest';
import { decideBatch, msUntilCalls, type BudgetRoom } from '../../connectors/batch-policy.js';

// A Starter portal's bucket: 10 tokens, 8.8 per second back (rate-budget-presets).
const room = (tokens: number, pausedForMs = 0): BudgetRoom => ({
  tokens,
  capacity: 10,
  refillPerMs: 0.0088,
  pausedForMs,
});

describe('decideBatch', () => {
  it('has nothing to do when nothing is queued', () => {
    expect(decideBatch({ queued: 0, fullAt: 100, calls: 0 }, room(10))).toEqual({ kind: 'idle' });
  });

  it('sends a small batch at once while the budget has room for its calls', () => {
    expect(decideBatch({ queued: 5, fullAt: 100, calls: 2 }, room(2))).toEqual({ kind: 'send', records: 5 });
  });

  it('keeps collecting a partial batch until the budget allows its calls', () => {
    // 1.5 tokens, 2 calls needed: half a token at 0.0088 per ms is 57 ms away.
    expect(decideBatch({ queued: 5, fullAt: 100, calls: 2 }, room(1.5))).toEqual({
      kind: 'wait',
      waitMs: 57,
    });
  });

  it('sends full batches even when the budget is tight: they cannot grow, their calls queue on the budget', () => {
    expect(decideBatch({ queued: 100, fullAt: 100, calls: 2 }, room(0))).toEqual({
      kind: 'send',
      records: 100,
    });
  });

  it('leaves the partial remainder of full batches to grow (or to go next, if the budget has room)', () => {
    expect(decideBatch({ queued: 250, fullAt: 100, calls: 4 }, room(0.2))).toEqual({
      kind: 'send',
      records: 200,
    });
    expect(decideBatch({ queued: 50, fullAt: 100, calls: 2 }, room(8))).toEqual({
      kind: 'send',
      records: 50,
    });
  });

  it('waits out a vendor pause even with tokens left and a full batch', () => {
    expect(decideBatch({ queued: 300, fullAt: 100, calls: 3 }, room(10, 4_000))).toEqual({
      kind: 'wait',
      waitMs: 4_000,
    });
  });

  it('never waits for more tokens than the bucket can hold', () => {
    // 40 calls needed, capacity 10: wait for a full bucket (10 tokens), not for 40.
    expect(decideBatch({ queued: 90, fullAt: 100, calls: 40 }, room(9))).toEqual({
      kind: 'wait',
      waitMs: 114,
    });
    expect(decideBatch({ queued: 90, fullAt: 100, calls: 40 }, room(10))).toEqual({
      kind: 'send',
      records: 90,
    });
  });
});

describe('msUntilCalls', () => {
  it('is 0 with the tokens there, and the refill time of the shortfall otherwise', () => {
    expect(msUntilCalls(room(3), 3)).toBe(0);
    expect(msUntilCalls(room(0), 1)).toBe(114);
  });

  it('is unbounded for a bucket that never refills', () => {
    expect(msUntilCalls({ tokens: 0, capacity: 1, refillPerMs: 0, pausedForMs: 0 }, 1)).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});
