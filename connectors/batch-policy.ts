/**
 * When to send a batch, driven by the connection's rate budget rather than the clock. Pure.
 *
 * While the budget has room for the calls a batch costs, send it as soon as its window closes: latency
 * stays near one window at low load. When it is tight, keep collecting until the batch is full or the
 * budget allows its calls, whichever comes first: the wait a call would spend on the budget anyway is
 * spent gathering records, so batches grow with load and the budget is never idle while work waits.
 */

/** What a connection's rate bucket holds now (see RateBudget.room). */
export interface BudgetRoom {
  readonly tokens: number;
  readonly capacity: number;
  readonly refillPerMs: number;
  /** A vendor 429 pauses every call for this long. */
  readonly pausedForMs: number;
}

export interface BatchState {
  /** Records waiting. */
  readonly queued: number;
  /** Records at which the batch is full: its calls carry the vendor maximum and it cannot grow. */
  readonly fullAt: number;
  /** Calls sending the `queued` records now would cost. */
  readonly calls: number;
}

export type BatchDecision =
  | { readonly kind: 'idle' }
  /** Send this many of the queued records now. */
  | { readonly kind: 'send'; readonly records: number }
  | { readonly kind: 'wait'; readonly waitMs: number };

/** Milliseconds until the bucket holds `calls` tokens (at most its capacity); 0 when it does now. */
export function msUntilCalls(room: BudgetRoom, calls: number): number {
  const needed = Math.min(Math.max(1, calls), room.capacity);
  if (room.tokens >= needed) return room.pausedForMs;
  if (room.refillPerMs <= 0) return Number.POSITIVE_INFINITY;
  return Math.max(room.pausedForMs, Math.ceil((needed - room.tokens) / room.refillPerMs));
}

/**
 * Full batches go at once (they cannot grow; their calls queue on the budget in order), without the
 * partial remainder, which goes next if the budget has room or keeps growing if not. A partial batch
 * goes when the budget holds the tokens for its calls, and otherwise waits until it will.
 */
export function decideBatch(state: BatchState, room: BudgetRoom): BatchDecision {
  if (state.queued <= 0) return { kind: 'idle' };
  if (room.pausedForMs > 0) return { kind: 'wait', waitMs: room.pausedForMs };
  const full = Math.floor(state.queued / state.fullAt) * state.fullAt;
  if (full > 0) return { kind: 'send', records: full };
  const waitMs = msUntilCalls(room, state.calls);
  if (waitMs <= 0) return { kind: 'send', records: state.queued };
  return { kind: 'wait', waitMs };
}

/** A connection's budget as batching sees it: read, never spent. */
export interface BudgetReader {
  room(): Promise<BudgetRoom>;
}
