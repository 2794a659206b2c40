/**
 * bench:e2e's figures for batching under the rate budget: Professional and Starter at the base rate,
 * the highest rate Starter sustains (rate-step.ts) with its ceiling, HubSpot calls per 1,000 changes
 * against the fewest, and the same for Salesforce against its daily allowance. 429s summed over every run.
 */
import { loadavg } from 'node:os';
import { hubspotBudget } from '../../connectors/rate-budget-presets.js';
import type { Logger } from '../../src/core/logger.js';
import { callMix, HUBSPOT_KINDS, SALESFORCE_KINDS, type CallMix } from './call-mix.js';
import {
  hubspotPeople,
  loadDuplicates,
  salesforcePeople,
  seedAndSync,
  type Stack,
} from './duplicate-load.js';
import { findMaxRate, type RateSearch } from './rate-step.js';

export type Tier = 'starter' | 'professional';

interface TierFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly missing: number;
  readonly hubspotCallsPer1000Changes: number;
  readonly hubspotMinCallsPer1000Changes: number;
  readonly hubspot429s: number;
}

type Measure = (tier: Tier, after?: (stack: Stack, base: number) => Promise<object>) => Promise<TierFigures>;

// The embedded Salesforce connection's allowance (sandboxConnections): 100,000 calls a day, 80 % ours.
const SALESFORCE_DAILY = { limit: 100_000, share: 0.8 };
const STARTER_CALLS_PER_SECOND =
  hubspotBudget('starter', { dailyShare: 1 }).buckets['default']?.refillPerSec ?? 0;

const SALESFORCE_RATE = 50;

async function salesforceMix(
  stack: Stack,
  log: Logger,
): Promise<CallMix & { missing: number; changes: number }> {
  const people = salesforcePeople(stack);
  const base = await seedAndSync(stack, people, 500, log);
  const load = await loadDuplicates(people, base, { rate: SALESFORCE_RATE, seconds: 10, drainMs: 15_000 });
  const mix = callMix(SALESFORCE_KINDS, load.before, load.after, load.changes);
  return { ...mix, missing: load.missing, changes: load.changes };
}

function perThousandByKind(mix: CallMix & { changes: number }): Record<string, number> {
  const per1000 = (n: number): number => Math.round((n * 10_000) / mix.changes) / 10;
  return {
    ...Object.fromEntries(Object.entries(mix.byKind).map(([k, v]) => [k, per1000(v.calls)])),
    other: per1000(mix.otherCalls),
  };
}

export async function budgetFigures(measure: Measure, log: Logger): Promise<Record<string, unknown>> {
  const professional = await measure('professional');
  let search: RateSearch | undefined;
  let salesforce: (CallMix & { missing: number; changes: number }) | undefined;
  const starter = await measure('starter', async (stack, base) => {
    search = await findMaxRate(hubspotPeople(stack), HUBSPOT_KINDS, base, {
      rates: [100, 150, 200, 300, 400],
      secondsPerStep: 6,
      p99LimitMs: 10_000,
      totalMs: 150_000,
    });
    salesforce = await salesforceMix(stack, log);
    return {};
  });
  // Where the budget binds: the highest Starter step that passed (the last one run when none did).
  const best = search?.steps.find((s) => s.rate === search?.maxChangesPerSecond) ?? search?.steps.at(-1);
  const sfPerChange = (salesforce?.callsPer1000Changes ?? Number.NaN) / 1000;
  const steps429 = search?.steps.reduce((sum, s) => sum + s.calls.rateLimited, 0) ?? 0;
  return {
    ...{ p50Ms: professional.p50Ms, p99Ms: professional.p99Ms, professionalMissing: professional.missing },
    ...{ starterP50Ms: starter.p50Ms, starterP99Ms: starter.p99Ms, starterMissing: starter.missing },
    starterCallsPer1000ChangesAt50: starter.hubspotCallsPer1000Changes,
    starterMinCallsPer1000ChangesAt50: starter.hubspotMinCallsPer1000Changes,
    hubspotCallsPer1000Changes: best?.calls.callsPer1000Changes ?? null,
    hubspotMinCallsPer1000Changes: best?.calls.minCallsPer1000Changes ?? null,
    hubspotCallsMeasuredAtChangesPerSecond: best?.rate ?? null,
    hubspotCallsStepPassed: best !== undefined && best.rate === search?.maxChangesPerSecond,
    starterMaxChangesPerSecond: search?.maxChangesPerSecond ?? 0,
    // Budget × records per call ÷ calls per record: the sustained calls per second over the fewest calls
    // per change of the Starter run's whole mix (re-reads, association reads, writes); null unless every
    // change of that run was written (an undrained run undercounts the writes).
    starterCeilingChangesPerSecond:
      starter.missing > 0
        ? null
        : Math.round((STARTER_CALLS_PER_SECOND * 1000) / starter.hubspotMinCallsPer1000Changes),
    starterBudgetCallsPerSecond: STARTER_CALLS_PER_SECOND,
    starterSteps: search?.steps.map((s) => ({
      ...{ rate: s.rate, p50Ms: s.p50Ms, p99Ms: s.p99Ms, missing: s.missing },
      ...{ callsPer1000: s.calls.callsPer1000Changes, minCallsPer1000: s.calls.minCallsPer1000Changes },
    })),
    salesforceCallsPer1000Changes: salesforce?.callsPer1000Changes ?? null,
    salesforceMinCallsPer1000Changes: salesforce?.minCallsPer1000Changes ?? null,
    salesforceCallsMeasuredAtChangesPerSecond: SALESFORCE_RATE,
    // Which calls: re-reads and writes (with the records they carried) and the rest (converted-lead
    // checks before Lead writes, describes), per 1,000 changes.
    salesforceCallsPer1000ByKind: salesforce === undefined ? null : perThousandByKind(salesforce),
    salesforceChangesPerDayWithinShare: Math.floor(
      (SALESFORCE_DAILY.limit * SALESFORCE_DAILY.share) / sfPerChange,
    ),
    salesforceMissing: salesforce?.missing ?? null,
    calls429AllRuns:
      professional.hubspot429s + starter.hubspot429s + steps429 + (salesforce?.rateLimited ?? 0),
    loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
  };
}
