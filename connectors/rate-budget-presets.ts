import type { RateBudgetConfig } from './rate-budget.js';

/**
 * Bucket sizes tuned to the vendor limits. In a rolling window of W seconds a bucket lets through at
 * most capacity + refill·W calls, so we keep capacity + refill·W ≤ limit and refill·W ≈ 0.9·limit.
 */

export const HUBSPOT_TIERS = ['free', 'starter', 'professional', 'enterprise', 'limit_pack'] as const;
export type HubspotTier = (typeof HUBSPOT_TIERS)[number];

// https://developers.hubspot.com/changelog/increasing-our-api-limits
const HUBSPOT_LIMITS: Record<HubspotTier, { per10s: number; daily: number }> = {
  free: { per10s: 100, daily: 250_000 },
  starter: { per10s: 100, daily: 250_000 },
  professional: { per10s: 190, daily: 650_000 },
  enterprise: { per10s: 190, daily: 1_000_000 },
  limit_pack: { per10s: 250, daily: 2_000_000 },
};

export interface PresetOptions {
  readonly dailyShare: number;
  readonly warnAt?: number;
  readonly utcOffsetMinutes?: number;
  /** Override the vendor's published per-window limit (e.g. a sandbox enforcing 100 / 10 s). */
  readonly burstPer10s?: number;
  readonly dailyLimit?: number;
}

export function hubspotBudget(tier: HubspotTier, opts: PresetOptions): RateBudgetConfig {
  const limits = HUBSPOT_LIMITS[tier];
  const per10s = opts.burstPer10s ?? limits.per10s;
  const capacity = Math.max(1, Math.floor(per10s * 0.1));
  // 2 % below the limit: a grant and its arrival at HubSpot are a few ms apart, and a rolling
  // window filled to the last request turns that jitter into a 429 (and a 10 s pause).
  const ceiling = Math.max(capacity + 1, Math.floor(per10s * 0.98));
  return {
    buckets: {
      default: { capacity, refillPerSec: (ceiling - capacity) / 10 },
      // https://developers.hubspot.com/docs/api-reference/search/guide — 4–5 req/s per account.
      search: { capacity: 1, refillPerSec: 3 },
    },
    daily: {
      limit: opts.dailyLimit ?? limits.daily,
      share: opts.dailyShare,
      warnAt: opts.warnAt ?? 0.9,
      utcOffsetMinutes: opts.utcOffsetMinutes ?? 0,
      // The org's API requests are one allocation per 24 hours, with no shorter window to fill:
      // https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm
      // so batching keeps to its pace rather than to the smoothing bucket above.
      paceBatches: true,
    },
  };
}

/** Salesforce has no burst limit, only a 24h allocation: smooth to `perSecond` and cap the share. */
export function salesforceBudget(
  dailyLimit: number,
  opts: PresetOptions & { perSecond?: number },
): RateBudgetConfig {
  const perSecond = opts.perSecond ?? 20;
  return {
    buckets: { default: { capacity: perSecond, refillPerSec: perSecond } },
    daily: {
      limit: opts.dailyLimit ?? dailyLimit,
      share: opts.dailyShare,
      warnAt: opts.warnAt ?? 0.9,
      utcOffsetMinutes: opts.utcOffsetMinutes ?? 0,
      // The org's API requests are one allocation per 24 hours, with no shorter window to fill:
      // https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm
      // so batching keeps to its pace rather than to the smoothing bucket above.
      paceBatches: true,
    },
  };
}
