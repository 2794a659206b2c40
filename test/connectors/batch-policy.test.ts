import { describe, expect, it } from 'vitest';
import {
  arrivalPerMs,
  decideBatch,
  DEFAULT_BATCH_BOUNDS,
  dailyPace,
  demandPerMs,
  fullBatchSize,
  msUntilCalls,
  reserveCalls,
  type BudgetRoom,
  type PendingWork,
} from '../../connectors/batch-policy.js';

// A Starter portal's bucket: 10 tokens, 8.8 per second back (rate-budget-presets): a 1,136 ms window.
const room = (tokens: number, pausedForMs = 0): BudgetRoom => ({
  tokens,
  capacity: 10,
  refillPerMs: 0.0088,
  pausedForMs,
});

// HubSpot re-reads (100 a call) with one association read (1,000 a call): full at 1,000 records.
const ingest = (queued: number, oldestAgeMs: number): PendingWork => ({
  kind: 'ingest',
  queued,
  oldestAgeMs,
  fullAt: 1_000,
  callsNow: queued === 0 ? 0 : Math.ceil(queued / 100) + Math.ceil(queued / 1_000),
  callsPerRecordAtFull: 11 / 1_000,
});
const writes = (queued: number, oldestAgeMs: number): PendingWork => ({
  kind: 'write',
  queued,
  oldestAgeMs,
  fullAt: 100,
  callsNow: Math.ceil(queued / 100),
  callsPerRecordAtFull: 1 / 100,
});
const bounds = DEFAULT_BATCH_BOUNDS; // hold 2 s, margin 1 call, rates over ≥ 25 ms

describe('decideBatch', () => {
  it('has nothing to do when nothing is queued', () => {
    expect(decideBatch(ingest(0, 0), [], room(10))).toEqual({ kind: 'idle' });
  });

  it('sends a small batch at once while the budget has room beyond what the work needs', () => {
    // 50 changes/s: 12 records over 250 ms; the window's arrivals need 0.75 calls, the margin 1.
    expect(decideBatch(ingest(12, 240), [writes(3, 100)], room(10))).toEqual({
      kind: 'send',
      records: 12,
      reason: 'room',
    });
  });

  it('keeps collecting when the tokens cover the batch but not the reserve for other pending work', () => {
    // 3 tokens cover the 2 calls, but writes hold 40 records older than these and the margin is 1.
    const decision = decideBatch(ingest(12, 240), [writes(40, 500)], room(3));
    expect(decision.kind).toBe('wait');
  });

  it('near the limit spends the budget on full batches only: 300 changes/s never sends a partial on room', () => {
    // 300/s: the window's arrivals alone need (0.011 + 0.01) × 0.3 per ms × 1,136 ms ≈ 7.2 calls; with
    // the margin and the batch itself that is more than the whole bucket.
    for (const tokens of [4, 7, 10]) {
      const decision = decideBatch(ingest(150, 500), [writes(75, 250)], room(tokens));
      expect(decision.kind).toBe('wait');
    }
    expect(decideBatch(ingest(1_000, 3_000), [writes(60, 200)], room(0))).toEqual({
      kind: 'send',
      records: 1_000,
      reason: 'full',
    });
  });

  it('sends full batches even with an empty bucket, without their partial remainder', () => {
    expect(decideBatch(writes(250, 800), [ingest(500, 900)], room(0.2))).toEqual({
      kind: 'send',
      records: 200,
      reason: 'full',
    });
  });

  it('sends a partial batch once its oldest record has waited the latency bound, budget or not', () => {
    expect(decideBatch(ingest(600, 2_000), [writes(60, 200)], room(0))).toEqual({
      kind: 'send',
      records: 600,
      reason: 'held',
    });
  });

  it('waits no longer than the latency bound allows, nor than the room needs', () => {
    // Tight budget, oldest record 1,700 ms old: the bound is 300 ms away.
    expect(decideBatch(ingest(500, 1_700), [writes(50, 100)], room(0))).toEqual({
      kind: 'wait',
      waitMs: 300,
    });
    const light = decideBatch(writes(2, 10), [], room(1));
    // Light load: batch 1 call + reserve (1 margin + 2 records per 25 ms over 1,136 ms at 0.01) from 1 token.
    const short = 1 + 1 + (2 / 25) * (10 / 0.0088) * 0.01 - 1;
    expect(light).toEqual({ kind: 'wait', waitMs: Math.ceil(short / 0.0088) });
  });

  it('serves the oldest partial batch first: a younger kind leaves the room to an older one', () => {
    // Both fit alone (5 tokens), not together: the older writes go, the younger re-reads wait.
    const older = writes(30, 900);
    const younger = ingest(30, 300);
    expect(decideBatch(older, [younger], room(5)).kind).toBe('send');
    expect(decideBatch(younger, [older], room(5)).kind).toBe('wait');
  });

  it('never starves a kind: however busy the others, its batch goes at the latency bound', () => {
    const busy = [writes(99, 5_000)];
    expect(decideBatch(ingest(1, 1_999), busy, room(0)).kind).toBe('wait');
    expect(decideBatch(ingest(1, 2_000), busy, room(0))).toEqual({
      kind: 'send',
      records: 1,
      reason: 'held',
    });
  });

  it('waits out a vendor pause before anything else', () => {
    expect(decideBatch(ingest(3_000, 9_000), [], room(10, 4_000))).toEqual({ kind: 'wait', waitMs: 4_000 });
  });

  it('judges room against the daily pace too when there is one (Salesforce)', () => {
    const paced: BudgetRoom = { ...room(10), pace: { tokens: 0.5, capacity: 9, refillPerMs: 0.000_93 } };
    expect(decideBatch(writes(5, 1_000), [], room(10)).kind).toBe('send');
    expect(decideBatch(writes(5, 1_000), [], paced).kind).toBe('wait');
    const ahead: BudgetRoom = { ...paced, pace: { tokens: 9, capacity: 9, refillPerMs: 0.000_93 } };
    expect(decideBatch(writes(5, 1_000), [], ahead).kind).toBe('send');
  });
});

describe('reserveCalls', () => {
  it('counts every kind arriving over the window, others’ held records, and the margin', () => {
    // ingest: 60 records over 300 ms = 0.2/ms; writes 30 over 100 ms = 0.3/ms.
    const own = ingest(60, 300);
    const other = writes(30, 100);
    const window = 10 / 0.0088;
    const expected = (0.2 * 0.011 + 0.3 * 0.01) * window + 30 * 0.01 + 1;
    expect(reserveCalls(own, [other], room(10), bounds)).toBeCloseTo(expected, 6);
  });

  it('counts an older kind at the real cost of its partial batch', () => {
    const own = ingest(60, 300);
    expect(reserveCalls(own, [writes(30, 900)], room(10), bounds)).toBeCloseTo(
      reserveCalls(own, [], room(10), bounds) + 1 + (30 / 900) * 0.01 * (10 / 0.0088),
      6,
    );
  });
});

describe('demandPerMs', () => {
  it('expects a kind fed by another to see at least the feeder’s arrivals, even while its queue is empty', () => {
    const fed: PendingWork = { ...writes(0, 0), fedBy: 'ingest' };
    const upstream = ingest(300, 1_000);
    const demand = demandPerMs([upstream, fed], bounds);
    expect(demand.get(fed)).toBeCloseTo(0.3, 9);
    expect(demandPerMs([upstream, writes(0, 0)], bounds).get(upstream)).toBeCloseTo(0.3, 9);
    expect(demandPerMs([{ ...writes(200, 250), fedBy: 'ingest' }, upstream], bounds).size).toBe(2);
  });

  it('keeps a write backlog that arrives faster than its feeder at its own rate', () => {
    const fed: PendingWork = { ...writes(500, 250), fedBy: 'ingest' };
    expect(demandPerMs([ingest(10, 1_000), fed], bounds).get(fed)).toBeCloseTo(2, 9);
  });

  it('holds back the re-reads for the writes they will cause: an empty write queue still reserves', () => {
    // 300/s of re-reads (165 over 550 ms) and nothing queued for writing yet: the writes to come
    // take 3.4 calls of the window, so a full bucket no longer has room for the partial re-read.
    const upstream = ingest(165, 550);
    expect(decideBatch(upstream, [writes(0, 0)], room(10)).kind).toBe('send');
    expect(decideBatch(upstream, [{ ...writes(0, 0), fedBy: 'ingest' }], room(10)).kind).toBe('wait');
  });
});

describe('arrivalPerMs', () => {
  it('is what waits over how long the oldest has waited, over at least the floor', () => {
    expect(arrivalPerMs(ingest(300, 1_000), bounds)).toBeCloseTo(0.3, 9);
    expect(arrivalPerMs(ingest(1, 2), bounds)).toBeCloseTo(1 / 25, 9);
    expect(arrivalPerMs(ingest(0, 0), bounds)).toBe(0);
  });
});

describe('dailyPace', () => {
  // 86,400 calls a day: one a second; a minute of pace may be spent ahead.
  const day = { cap: 86_400, aheadMs: 60_000 };

  it('refills at the share spread over the day and holds at most the minute ahead', () => {
    expect(dailyPace({ ...day, used: 0, msIntoDay: 43_200_000 })).toEqual({
      tokens: 60,
      capacity: 60,
      refillPerMs: 0.001,
    });
  });

  it('has what the pace allows by now less what was spent, never below zero', () => {
    expect(dailyPace({ ...day, used: 100, msIntoDay: 60_000 }).tokens).toBeCloseTo(20, 9);
    expect(dailyPace({ ...day, used: 500, msIntoDay: 60_000 }).tokens).toBe(0);
  });

  it('keeps at least one call of capacity for a tiny quota', () => {
    expect(dailyPace({ cap: 100, aheadMs: 60_000, used: 0, msIntoDay: 0 }).capacity).toBe(1);
  });
});

describe('fullBatchSize', () => {
  it('is where every call of the batch carries its maximum', () => {
    const hubspotRead = (n: number): number => Math.ceil(n / 100) + Math.ceil(n / 1_000);
    expect(fullBatchSize(hubspotRead, 100, 1_000)).toBe(1_000);
    expect(fullBatchSize((n) => Math.ceil(n / 100), 100, 1_000)).toBe(100);
    // Salesforce retrieves 2,000 a call; a round reads at most 1,000.
    expect(fullBatchSize((n) => Math.ceil(n / 2_000), 2_000, 1_000)).toBe(1_000);
  });
});

describe('msUntilCalls', () => {
  it('is 0 with the tokens there, the refill time without, and capped at the capacity', () => {
    expect(msUntilCalls(room(3), 2)).toBe(0);
    expect(msUntilCalls(room(1.5), 2)).toBe(57);
    expect(msUntilCalls(room(9), 40)).toBe(Math.ceil(1 / 0.0088));
  });
});
