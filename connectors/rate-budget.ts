import { assertOneSlot } from '../src/store/key-slot.js';
import type { RedisClient } from '../src/queue/redis.js';
import { CrmRateLimitError } from '../src/core/errors/index.js';
import { RATE_BUDGET_LUA, RATE_PAUSE_LUA, RATE_OBSERVE_LUA, RATE_ROOM_LUA } from './rate-budget-lua.js';
import { dailyPace, type BudgetRoom } from './batch-policy.js';
import { bucketUsed, type BudgetUsage, type BudgetUsageReader } from './budget-usage.js';

/**
 * One token bucket per connection in Redis, shared by every worker on every machine.
 * `acquire` waits instead of failing; a 429 calls `pauseUntil` so every process waits the vendor's
 * window without spending a retry attempt; a daily-quota share is enforced and warned about.
 */

/** A bucket in a rolling window of W ms allows at most capacity + refill·W calls: keep that ≤ the limit. */
export interface BucketConfig {
  readonly capacity: number;
  readonly refillPerSec: number;
}

export interface DailyQuotaConfig {
  /** The vendor's daily limit (HubSpot private-app cap, Salesforce org 24h allocation). */
  readonly limit: number;
  /** Share of `limit` we may use, e.g. 0.8. */
  readonly share: number;
  /** Warn once when usage crosses this fraction of our share, e.g. 0.9. */
  readonly warnAt: number;
  /** Minutes east of UTC where the vendor's day starts (HubSpot: the portal time zone). */
  readonly utcOffsetMinutes: number;
  /**
   * Batching keeps to the quota's daily pace (Salesforce, whose only limit is the day's allocation);
   * without it batching weighs only the bucket (HubSpot, whose 10-second limit binds first).
   */
  readonly paceBatches?: boolean;
}

export interface RateBudgetConfig {
  readonly buckets: Readonly<Record<string, BucketConfig>>;
  readonly daily?: DailyQuotaConfig;
}

export interface QuotaWarning {
  readonly key: string;
  readonly used: number;
  readonly cap: number;
  readonly limit: number;
}

/** What connectors depend on; tests without Redis pass an unlimited gate. */
export interface RateGate {
  acquire(bucket: string, cost: number, signal: AbortSignal): Promise<void>;
  pauseUntil(untilMs: number, policy: string): Promise<void>;
  observeDailyUsage(used: number, limit: number): Promise<void>;
}

export interface RateBudgetDeps {
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly onWarning?: (warning: QuotaWarning) => void;
}

const DAY_MS = 86_400_000;
/**
 * How far ahead of an even spread over the day batching may spend a daily quota on partial batches:
 * a quarter of an hour of the day's pace (about 1 % of the day's calls), so a burst of changes of a
 * few minutes goes out in small batches at once, while a load sustained past the pace has its batches
 * grow until it fits the day.
 */
const PACE_AHEAD_MS = 15 * 60_000;

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class RateBudget implements RateGate, BudgetUsageReader {
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly onWarning: ((warning: QuotaWarning) => void) | undefined;

  /** `key` must carry a Redis Cluster hash tag, e.g. `ps:{conn-1}:budget`; every sub-key shares it. */
  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly config: RateBudgetConfig,
    deps: RateBudgetDeps = {},
  ) {
    if (!/\{[^}]+\}/.test(key)) throw new Error(`rate budget key "${key}" needs a {hash-tag}`);
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? abortableSleep;
    this.onWarning = deps.onWarning;
  }

  async acquire(bucket: string, cost: number, signal: AbortSignal): Promise<void> {
    const cfg = this.config.buckets[bucket];
    if (cfg === undefined) throw new Error(`unknown rate bucket "${bucket}"`);
    if (cost > cfg.capacity)
      throw new Error(`cost ${cost} exceeds bucket "${bucket}" capacity ${cfg.capacity}`);
    for (;;) {
      signal.throwIfAborted();
      const now = this.now();
      const daily = this.config.daily;
      const keys = [`${this.key}:bucket:${bucket}`, `${this.key}:pause`, this.dailyKey(now)] as const;
      assertOneSlot(keys, 'rate budget');
      const raw: unknown = await this.redis.eval(
        RATE_BUDGET_LUA,
        3,
        ...keys,
        now,
        cfg.capacity,
        cfg.refillPerSec / 1000,
        cost,
        daily === undefined ? 0 : Math.floor(daily.limit * daily.share),
        daily === undefined ? 0 : Math.floor(daily.limit * daily.share * daily.warnAt),
        2 * DAY_MS,
      );
      const [verdict, waitMs, used] = parseReply(raw);
      if (verdict === 1) return;
      if (verdict === 2) {
        if (daily !== undefined) this.emitWarning(used, daily);
        return;
      }
      if (verdict === -1 && daily !== undefined) {
        const cap = Math.floor(daily.limit * daily.share);
        throw new CrmRateLimitError(
          `daily API quota share reached for ${this.key}: ${used}/${cap} (share ${daily.share} of ${daily.limit})`,
          this.msUntilDayEnd(now, daily),
          'DAILY_SHARE',
        );
      }
      await this.sleep(Math.max(1, waitMs), signal);
    }
  }

  /**
   * What the bucket holds now, without spending: batching sends early while there is room. With a daily
   * quota that paces batches, also that pace (see dailyPace): room is judged against both.
   */
  async room(bucket: string): Promise<BudgetRoom> {
    const cfg = this.config.buckets[bucket];
    if (cfg === undefined) throw new Error(`unknown rate bucket "${bucket}"`);
    const now = this.now();
    const keys = [`${this.key}:bucket:${bucket}`, `${this.key}:pause`, this.dailyKey(now)] as const;
    assertOneSlot(keys, 'rate budget');
    const refillPerMs = cfg.refillPerSec / 1000;
    const raw: unknown = await this.redis.eval(RATE_ROOM_LUA, 3, ...keys, now, cfg.capacity, refillPerMs);
    if (!Array.isArray(raw) || raw.length < 3) throw new Error('unexpected rate budget script reply');
    const room = { tokens: Number(raw[0]), capacity: cfg.capacity, refillPerMs, pausedForMs: Number(raw[1]) };
    const daily = this.config.daily;
    if (daily === undefined || daily.paceBatches !== true) return room;
    const offset = daily.utcOffsetMinutes * 60_000;
    const pace = dailyPace({
      used: Number(raw[2]),
      cap: Math.floor(daily.limit * daily.share),
      msIntoDay: (now + offset) % DAY_MS,
      aheadMs: PACE_AHEAD_MS,
    });
    return { ...room, pace };
  }

  /** Calls spent today and per bucket now, read without spending or refilling anything. */
  async usage(): Promise<BudgetUsage> {
    const now = this.now();
    const daily = this.config.daily;
    const usedToday = Number((await this.redis.get(this.dailyKey(now))) ?? '0');
    const buckets = await Promise.all(
      Object.entries(this.config.buckets).map(async ([bucket, cfg]) => ({
        bucket,
        usedNow: bucketUsed(
          await this.redis.hmget(`${this.key}:bucket:${bucket}`, 'tokens', 'ts'),
          cfg.capacity,
          cfg.refillPerSec,
          now,
        ),
        capacity: cfg.capacity,
        // Exact: a search bucket refills within a second (a rounded 0 would read "per 0 s").
        windowSeconds: cfg.capacity / cfg.refillPerSec,
      })),
    );
    const capToday = daily === undefined ? null : Math.floor(daily.limit * daily.share);
    const warnFrom = daily === undefined || capToday === null ? null : capToday * daily.warnAt;
    return { usedToday, capToday, warnFrom, buckets };
  }

  /** Every process waits until `untilMs` (epoch ms) before spending any token. */
  async pauseUntil(untilMs: number, policy: string): Promise<void> {
    const ttl = Math.max(1, Math.ceil(untilMs - this.now()));
    await this.redis.eval(RATE_PAUSE_LUA, 1, `${this.key}:pause`, Math.ceil(untilMs), ttl, policy);
  }

  /** Records the vendor-reported daily usage (e.g. Sforce-Limit-Info) when it is ahead of our count. */
  async observeDailyUsage(used: number): Promise<void> {
    if (this.config.daily === undefined) return;
    await this.redis.eval(RATE_OBSERVE_LUA, 1, this.dailyKey(this.now()), used, 2 * DAY_MS);
  }

  private dailyKey(now: number): string {
    const offset = (this.config.daily?.utcOffsetMinutes ?? 0) * 60_000;
    const day = new Date(now + offset).toISOString().slice(0, 10);
    return `${this.key}:daily:${day}`;
  }

  private msUntilDayEnd(now: number, daily: DailyQuotaConfig): number {
    const offset = daily.utcOffsetMinutes * 60_000;
    const local = now + offset;
    return DAY_MS - (local % DAY_MS);
  }

  private emitWarning(used: number, daily: DailyQuotaConfig): void {
    this.onWarning?.({ key: this.key, used, cap: Math.floor(daily.limit * daily.share), limit: daily.limit });
  }
}

function parseReply(raw: unknown): [number, number, number] {
  if (!Array.isArray(raw) || raw.length < 3) throw new Error('unexpected rate budget script reply');
  return [Number(raw[0]), Number(raw[1]), Number(raw[2])];
}

/** A gate that never waits: for tests and one-off CLI runs without Redis. */
export const UNLIMITED_GATE: RateGate = {
  acquire: () => Promise.resolve(),
  pauseUntil: () => Promise.resolve(),
  observeDailyUsage: () => Promise.resolve(),
};
