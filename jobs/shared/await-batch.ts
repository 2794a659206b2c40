import { abortableSleep } from '../../connectors/rate-budget.js';
import { decideBatch, type BudgetReader } from '../../connectors/batch-policy.js';

export interface BatchSource {
  /** Records waiting now. */
  queued(): Promise<number>;
  /** Records at which a batch is full. */
  readonly fullAt: number;
  /** Calls a batch of `records` costs. */
  calls(records: number): number;
}

export interface AwaitBatchOptions {
  readonly signal: AbortSignal;
  /** How often a waiting batch looks again at its queue (it may fill up before the budget has room). */
  readonly pollMs?: number;
  /** Never hold a batch longer than this, whatever the budget says. */
  readonly maxWaitMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Waits until the batch policy says send (or nothing is queued) and returns how many records to send
 * now; 0 means there is nothing to send. Without a budget (tests, one-off commands) it never waits and
 * sends everything queued; after `maxWaitMs` it sends everything queued too.
 */
export async function awaitBatch(
  source: BatchSource,
  budget: BudgetReader | undefined,
  options: AwaitBatchOptions,
): Promise<number> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const pollMs = options.pollMs ?? 25;
  const giveUpAt = now() + (options.maxWaitMs ?? 10_000);
  for (;;) {
    const queued = await source.queued();
    if (queued === 0 || budget === undefined) return queued;
    const decision = decideBatch(
      { queued, fullAt: source.fullAt, calls: source.calls(queued) },
      await budget.room(),
    );
    if (decision.kind === 'send') return decision.records;
    if (decision.kind === 'idle' || now() >= giveUpAt) return queued;
    await sleep(Math.max(1, Math.min(decision.waitMs, pollMs, giveUpAt - now())), options.signal);
  }
}
