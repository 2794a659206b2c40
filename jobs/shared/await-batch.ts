import { abortableSleep } from '../../connectors/rate-budget.js';
import {
  decideBatch,
  DEFAULT_BATCH_BOUNDS,
  type BatchBounds,
  type BudgetReader,
  type PendingWork,
} from '../../connectors/batch-policy.js';

export interface BatchSource {
  /** This kind's waiting work now (after moving newly arrived records in). */
  pending(): Promise<PendingWork>;
  /** The connection's other kinds of waiting work: they spend the same budget. */
  others(): Promise<readonly PendingWork[]>;
}

export interface AwaitBatchOptions {
  readonly signal: AbortSignal;
  /** How often a waiting batch looks again at its queue (it may fill up before the budget has room). */
  readonly pollMs?: number;
  readonly bounds?: BatchBounds;
  /**
   * When this stage last took a batch (or began collecting). The latency bound is this stage's to keep:
   * records that reached the queue late (a slow webhook, a busy worker) have waited since their change
   * longer than this stage held them, and sending them in small batches at once would not win that
   * time back, only spend the budget. So a batch counts as waiting since then at most.
   */
  readonly since?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Waits until the batch policy says send (or nothing is queued) and returns how many records to send
 * now; 0 means there is nothing to send. Without a budget (tests, one-off commands) it never waits and
 * sends everything queued. The policy's latency bound (`holdMs`) ends every wait: a batch counts as having
 * waited at least as long as this call has (a vendor clock ahead of ours cannot hold it forever).
 */
export async function awaitBatch(
  source: BatchSource,
  budget: BudgetReader | undefined,
  options: AwaitBatchOptions,
): Promise<number> {
  const sleep = options.sleep ?? abortableSleep;
  const pollMs = options.pollMs ?? 25;
  const bounds = options.bounds ?? DEFAULT_BATCH_BOUNDS;
  const now = options.now ?? Date.now;
  const started = now();
  const since = Math.min(options.since ?? Number.NEGATIVE_INFINITY, started);
  for (;;) {
    const pending = await source.pending();
    if (pending.queued === 0 || budget === undefined) return pending.queued;
    const t = now();
    const held = Math.max(t - started, Math.min(pending.oldestAgeMs, t - since));
    const own = { ...pending, oldestAgeMs: held };
    const decision = decideBatch(own, await source.others(), await budget.room(), bounds);
    if (decision.kind === 'send') return decision.records;
    if (decision.kind === 'idle') return 0;
    await sleep(Math.max(1, Math.min(decision.waitMs, pollMs)), options.signal);
  }
}
