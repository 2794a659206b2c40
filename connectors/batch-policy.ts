/**
 * When to send a batch, driven by the connection's rate budget rather than the clock. Pure.
 *
 * Every kind of work on a connection (ingest re-reads with their association reads, write-back) spends
 * one budget. A batch that is full (its calls carry the most records they can) goes at once: it cannot
 * grow. A partial batch goes at once only while the budget has room for it beyond a reserve: the calls
 * every kind's work will need in the coming window at full batches (what arrives meanwhile and what
 * other kinds already hold), plus a margin. Otherwise it keeps collecting until it is full or until its
 * oldest record has waited the latency bound. At low load the reserve is small and batches go about
 * one window apart; near the vendor's limit the reserve covers the whole bucket, so calls go to full
 * (or latency-bound) batches only and the budget is not spent on half-empty ones.
 */

/** Calls a bucket allows: what it holds now and how fast it refills. */
export interface CallBucket {
  readonly tokens: number;
  readonly capacity: number;
  readonly refillPerMs: number;
}

/** What a connection's rate bucket holds now (see RateBudget.room). */
export interface BudgetRoom extends CallBucket {
  /** A vendor 429 pauses every call for this long. */
  readonly pausedForMs: number;
  /**
   * The daily allowance spread evenly over the day (Salesforce's 24-hour allocation): calls spent
   * ahead of that pace come out of later hours, so room is judged against it too.
   */
  readonly pace?: CallBucket;
}

/** One kind of waiting work on a connection, as the budget sees it. */
export interface PendingWork {
  readonly kind: string;
  /** Records waiting. */
  readonly queued: number;
  /** How long the oldest waiting record has waited. */
  readonly oldestAgeMs: number;
  /** Records at which a batch is full: its calls carry the vendor maximum and it cannot grow. */
  readonly fullAt: number;
  /** Calls sending the `queued` records now would cost. */
  readonly callsNow: number;
  /** Calls one record costs in full batches (the fewest possible). */
  readonly callsPerRecordAtFull: number;
  /**
   * The kind whose records become this kind's work (write-back after the re-read): this kind will see
   * at least that kind's arrivals soon, even while its own queue is empty.
   */
  readonly fedBy?: string;
}

export interface BatchBounds {
  /** Latency bound: a partial batch goes once its oldest record has waited this long, budget or not. */
  readonly holdMs: number;
  /** Calls kept free beyond the reserve before a partial batch may spend the budget. */
  readonly marginCalls: number;
  /** Arrival rates are estimated over at least this span (one just-arrived record is not a flood). */
  readonly minSpanMs: number;
}

export const DEFAULT_BATCH_BOUNDS: BatchBounds = { holdMs: 2_000, marginCalls: 1, minSpanMs: 25 };

export type BatchDecision =
  | { readonly kind: 'idle' }
  /** Send this many of the queued records now: a full batch, a partial one with room, or one held long enough. */
  | { readonly kind: 'send'; readonly records: number; readonly reason: 'full' | 'room' | 'held' }
  | { readonly kind: 'wait'; readonly waitMs: number };

/** Milliseconds until the bucket holds `calls` tokens (at most its capacity); 0 when it does now. */
export function msUntilCalls(room: BudgetRoom, calls: number): number {
  const needed = Math.min(Math.max(1, calls), room.capacity);
  if (room.tokens >= needed) return room.pausedForMs;
  if (room.refillPerMs <= 0) return Number.POSITIVE_INFINITY;
  return Math.max(room.pausedForMs, Math.ceil((needed - room.tokens) / room.refillPerMs));
}

/** Records per ms arriving for this kind: what it holds over how long its oldest has waited. */
export function arrivalPerMs(work: PendingWork, bounds: BatchBounds): number {
  if (work.queued <= 0) return 0;
  return work.queued / Math.max(work.oldestAgeMs, bounds.minSpanMs);
}

/** Records per ms coming to each kind: its own arrivals, or those of the kind feeding it when more. */
export function demandPerMs(all: readonly PendingWork[], bounds: BatchBounds): Map<PendingWork, number> {
  const own = new Map(all.map((w) => [w.kind, arrivalPerMs(w, bounds)]));
  return new Map(
    all.map((w) => [w, Math.max(own.get(w.kind) ?? 0, w.fedBy === undefined ? 0 : (own.get(w.fedBy) ?? 0))]),
  );
}

/** The coming window: how long the bucket takes to refill from empty (HubSpot Starter: 10 ÷ 8.8/s). */
export function horizonMs(bucket: CallBucket, bounds: BatchBounds): number {
  return bucket.refillPerMs > 0 ? bucket.capacity / bucket.refillPerMs : bounds.holdMs;
}

/**
 * Calls to keep in `bucket` before `own`'s partial batch may go: every kind's arrivals over the coming
 * window (or its feeder's, see demandPerMs) at full batches; the records other kinds hold, at full batches, or at their real cost when
 * they have waited longer than `own` (the oldest partial batch is served first); and the margin.
 */
export function reserveCalls(
  own: PendingWork,
  others: readonly PendingWork[],
  bucket: CallBucket,
  bounds: BatchBounds,
): number {
  const window = horizonMs(bucket, bounds);
  const all = [own, ...others];
  const demand = demandPerMs(all, bounds);
  const arriving = all.reduce((sum, w) => sum + (demand.get(w) ?? 0) * window * w.callsPerRecordAtFull, 0);
  const held = others.reduce((sum, w) => {
    if (w.queued <= 0) return sum;
    return sum + (w.oldestAgeMs > own.oldestAgeMs ? w.callsNow : w.queued * w.callsPerRecordAtFull);
  }, 0);
  return arriving + held + bounds.marginCalls;
}

/** Milliseconds until `bucket` holds `calls` beyond what it holds now, or Infinity when it never can. */
function msUntilHolds(bucket: CallBucket, calls: number): number {
  if (bucket.tokens >= calls) return 0;
  if (calls > bucket.capacity || bucket.refillPerMs <= 0) return Number.POSITIVE_INFINITY;
  return Math.ceil((calls - bucket.tokens) / bucket.refillPerMs);
}

/**
 * Full batches go at once (their calls queue on the budget in order), without the partial remainder.
 * A partial batch goes when every bucket (the rate bucket, and the daily pace where there is one)
 * holds its calls beyond the reserve, or when its oldest record has waited `holdMs`; otherwise it
 * waits for whichever comes first.
 */
export function decideBatch(
  own: PendingWork,
  others: readonly PendingWork[],
  room: BudgetRoom,
  bounds: BatchBounds = DEFAULT_BATCH_BOUNDS,
): BatchDecision {
  if (own.queued <= 0) return { kind: 'idle' };
  if (room.pausedForMs > 0) return { kind: 'wait', waitMs: room.pausedForMs };
  const full = Math.floor(own.queued / own.fullAt) * own.fullAt;
  if (full > 0) return { kind: 'send', records: full, reason: 'full' };
  const buckets = room.pace === undefined ? [room] : [room, room.pace];
  const untilRoom = Math.max(
    ...buckets.map((b) => msUntilHolds(b, own.callsNow + reserveCalls(own, others, b, bounds))),
  );
  if (untilRoom <= 0) return { kind: 'send', records: own.queued, reason: 'room' };
  const untilHeld = bounds.holdMs - Math.max(0, own.oldestAgeMs);
  if (untilHeld <= 0) return { kind: 'send', records: own.queued, reason: 'held' };
  return { kind: 'wait', waitMs: Math.max(1, Math.min(untilRoom, untilHeld)) };
}

/**
 * The smallest batch, in steps of `step` records up to `max`, whose calls carry each record at the
 * fewest calls: where a batch is full. HubSpot re-reads with association reads (100 and 1,000 per
 * call) are full at 1,000 records, not 100.
 */
export function fullBatchSize(calls: (records: number) => number, step: number, max: number): number {
  let best = Math.min(step, max);
  let bestPerRecord = calls(best) / best;
  for (let n = best + step; n <= max; n += step) {
    const perRecord = calls(n) / n;
    if (perRecord < bestPerRecord - 1e-12) {
      best = n;
      bestPerRecord = perRecord;
    }
  }
  return best;
}

const DAY_MS = 86_400_000;

/**
 * A daily quota as a bucket for batching (it never gates a call; the quota share does): it refills at
 * the share spread evenly over the day and holds at most `aheadMs` of that pace, so calls saved in a
 * quiet hour are not all spent on half-empty batches in a busy one. Its tokens are what the day's pace
 * allows by now, less what was spent (never below zero, never above the capacity).
 */
export function dailyPace(day: {
  readonly used: number;
  readonly cap: number;
  readonly msIntoDay: number;
  readonly aheadMs: number;
}): CallBucket {
  const refillPerMs = day.cap / DAY_MS;
  const capacity = Math.max(1, refillPerMs * day.aheadMs);
  const allowed = refillPerMs * day.msIntoDay + capacity;
  return { tokens: Math.min(capacity, Math.max(0, allowed - day.used)), capacity, refillPerMs };
}

/** A connection's budget as batching sees it: read, never spent. */
export interface BudgetReader {
  room(): Promise<BudgetRoom>;
}
