/** A connection's API budget as an admin reads it: calls spent today and per bucket now. */
export interface BudgetUsage {
  readonly usedToday: number;
  /** Our share of the vendor's daily limit; null without a daily quota. */
  readonly capToday: number | null;
  /** Calls today from which the share counts as nearly spent; null without a daily quota. */
  readonly warnFrom: number | null;
  readonly buckets: readonly {
    readonly bucket: string;
    readonly usedNow: number;
    readonly capacity: number;
    /** The time the bucket takes to refill from empty; may be below one second. */
    readonly windowSeconds: number;
  }[];
}

/** What the console's connection status reads. */
export interface BudgetUsageReader {
  usage(): Promise<BudgetUsage>;
}

/**
 * Tokens used in a token bucket now: its capacity minus what is left after refilling up to `now`,
 * from the bucket's stored `tokens` and `ts` (absent or unreadable: nothing used).
 */
export function bucketUsed(
  stored: readonly (string | null)[],
  capacity: number,
  refillPerSec: number,
  now: number,
): number {
  const [tokensText, tsText] = stored;
  const tokens = Number(tokensText);
  const ts = Number(tsText);
  if (tokensText == null || tsText == null || !Number.isFinite(tokens) || !Number.isFinite(ts)) return 0;
  const refilled = Math.min(capacity, tokens + (Math.max(0, now - ts) * refillPerSec) / 1000);
  return Math.max(0, Math.round((capacity - refilled) * 10) / 10);
}
