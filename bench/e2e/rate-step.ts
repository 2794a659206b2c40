/**
 * The highest steady change rate a tier sustains with p99 ≤ 10 s: step the rate up on one running stack
 * until a step fails (p99 over the limit, or fields still unwritten after the drain), bounded in steps
 * and in time.
 */
import { percentile } from '../percentile.js';
import { callMix, type CallKind, type CallMix } from './call-mix.js';
import { loadDuplicates, type PeopleCrm } from './duplicate-load.js';

export interface RateStep {
  readonly rate: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly missing: number;
  readonly calls: CallMix;
}

export interface RateSearch {
  /** The highest rate whose step passed (0 when the first failed). */
  readonly maxChangesPerSecond: number;
  readonly steps: readonly RateStep[];
}

export interface RateSearchOptions {
  readonly rates: readonly number[];
  readonly secondsPerStep: number;
  readonly p99LimitMs: number;
  /** Stop stepping once this much time has gone, whatever is left. */
  readonly totalMs: number;
}

export async function findMaxRate(
  crm: PeopleCrm,
  kinds: readonly CallKind[],
  base: number,
  options: RateSearchOptions,
): Promise<RateSearch> {
  const started = performance.now();
  const steps: RateStep[] = [];
  let passed: RateStep | undefined;
  let offset = 0;
  for (const rate of options.rates) {
    if (performance.now() - started > options.totalMs) break;
    const seconds = options.secondsPerStep;
    const load = await loadDuplicates(crm, base, { rate, seconds, drainMs: options.p99LimitMs, offset });
    offset += load.changes;
    const step = {
      rate,
      p50Ms: Math.round(percentile(load.latencies, 50)),
      p99Ms: Math.round(percentile(load.latencies, 99)),
      missing: load.missing,
      calls: callMix(kinds, load.before, load.after, load.changes),
    };
    steps.push(step);
    process.stderr.write(
      `  step ${rate}/s: p50 ${step.p50Ms} ms, p99 ${step.p99Ms} ms, ${step.missing} missing, ` +
        `${step.calls.callsPer1000Changes} calls per 1000 (fewest ${step.calls.minCallsPer1000Changes}), ${step.calls.rateLimited} × 429\n`,
    );
    if (step.missing > 0 || step.p99Ms > options.p99LimitMs) break;
    passed = step;
  }
  return { maxChangesPerSecond: passed?.rate ?? 0, steps };
}
