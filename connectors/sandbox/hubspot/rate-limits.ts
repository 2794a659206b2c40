import type { NextFunction, Request, Response } from 'express';
import { DailyQuota, RollingWindowLimiter } from '../rate-limit.js';
import { hsBody } from './errors.js';

export interface HsRateLimitOptions {
  /** Requests per rolling 10 s (Free/Starter 100; Professional/Enterprise 190). */
  readonly tenSecondly?: number | undefined;
  /** Search requests per second (docs: 5; older docs: 4). */
  readonly searchPerSecond?: number | undefined;
  /** Requests per day (Free/Starter 250,000). */
  readonly daily?: number | undefined;
}

export class HsRateLimits {
  readonly burst: RollingWindowLimiter;
  readonly search: RollingWindowLimiter;
  readonly daily: DailyQuota;

  constructor(opts: HsRateLimitOptions, now: () => number) {
    this.burst = new RollingWindowLimiter(opts.tenSecondly ?? 100, 10_000, now);
    this.search = new RollingWindowLimiter(opts.searchPerSecond ?? 5, 1_000, now);
    this.daily = new DailyQuota(opts.daily ?? 250_000, now);
  }
}

export function tooManyBody(
  policyName: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY',
): Record<string, unknown> {
  const message = {
    TEN_SECONDLY_ROLLING: 'You have reached your ten-secondly rolling limit.',
    SECONDLY: 'You have reached your secondly limit.',
    DAILY: 'You have reached your daily limit.',
  }[policyName];
  const rest = Object.fromEntries(
    Object.entries(hsBody('RATE_LIMIT', message)).filter(([k]) => k !== 'category'),
  );
  return { ...rest, errorType: 'RATE_LIMIT', policyName, requestId: rest['correlationId'] };
}

// https://developers.hubspot.com/docs/api/usage-details (429 bodies and X-HubSpot-RateLimit-* headers)
export function enforceHsLimits(limits: HsRateLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const isSearch = req.method === 'POST' && /\/search\/?$/.test(req.path);
    const dailyOk = limits.daily.tryTake();
    res.set({
      'X-HubSpot-RateLimit-Daily': String(limits.daily.limit),
      'X-HubSpot-RateLimit-Daily-Remaining': String(limits.daily.remaining()),
    });
    if (!dailyOk) {
      res.status(429).json(tooManyBody('DAILY'));
      return;
    }
    if (isSearch) {
      if (!limits.search.tryTake()) {
        res.status(429).json(tooManyBody('SECONDLY'));
        return;
      }
      next();
      return;
    }
    const ok = limits.burst.tryTake();
    res.set({
      'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
      'X-HubSpot-RateLimit-Max': String(limits.burst.max),
      'X-HubSpot-RateLimit-Remaining': String(limits.burst.remaining()),
    });
    if (!ok) {
      res.status(429).json(tooManyBody('TEN_SECONDLY_ROLLING'));
      return;
    }
    next();
  };
}
