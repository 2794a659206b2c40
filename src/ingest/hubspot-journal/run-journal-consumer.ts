import { retryDelay } from '../../../connectors/with-retries.js';
import { LeaseBusyError } from '../../store/with-lease.js';
import type { Leases } from '../../store/leases.js';
import type { JournalOffsets, JournalStatus } from '../../store/journal-offsets.js';
import type { Logger } from '../../core/logger.js';
import { consumeEntry, type JournalStepDeps } from './consume-entry.js';
import { sleepUntilAborted as sleep } from '../../core/sleep-until-aborted.js';

export interface JournalConsumerOptions extends JournalStepDeps {
  readonly leases: Leases;
  readonly status: Pick<JournalOffsets, 'setStatus'>;
  readonly log: Logger;
  /** Wait between reads once caught up. */
  readonly pollMs: number;
  /** The reader's lease lapses this long after its holder stops renewing it (a killed process). */
  readonly leaseTtlMs: number;
  readonly signal: AbortSignal;
  readonly random?: () => number;
}

/** Capped exponential backoff with full jitter, at least what a 429 asked for (Retry-After). */
const BACKOFF = {
  maxAttempts: Number.MAX_SAFE_INTEGER,
  baseMs: 500,
  capMs: 60_000,
  maxRateLimitWaitMs: 3_600_000,
};

/**
 * One connection's journal reader, for as long as `signal` allows. Only the process holding the
 * connection's `hubspot-journal` lease reads; the others stand by and take over when it lapses.
 */
export async function runJournalConsumer(o: JournalConsumerOptions): Promise<void> {
  const report = (state: JournalStatus['state'], lag: number, reason?: string): Promise<void> =>
    o.status
      .setStatus(o.connectionId, { state, lagMs: lag, at: o.now(), ...(reason ? { reason } : {}) })
      .catch(() => undefined);
  const lease = { ttlMs: o.leaseTtlMs, waitMs: o.pollMs, pollMs: Math.min(250, o.pollMs) };
  while (!o.signal.aborted) {
    try {
      await o.leases.run(o.connectionId, 'hubspot-journal', lease, () => consumeWhileHeld(o, report));
    } catch (err) {
      if (!(err instanceof LeaseBusyError)) throw err;
      await report('standby', 0);
    }
  }
  await report('stopped', 0);
}

async function consumeWhileHeld(
  o: JournalConsumerOptions,
  report: (state: JournalStatus['state'], lag: number, reason?: string) => Promise<void>,
): Promise<void> {
  let failures = 0;
  let lag = 0;
  while (!o.signal.aborted) {
    try {
      const step = await consumeEntry(o);
      failures = 0;
      if (step.kind === 'consumed') {
        lag = step.lagMs;
        await report('consuming', lag);
      } else if (step.kind === 'fallback') {
        o.log.warn(
          { connection: o.connectionId, objectTypes: step.objectTypes },
          'HubSpot journal offset expired: incremental sync scheduled',
        );
        await report('fallback', 0, 'offset past retention');
      } else {
        lag = 0;
        await report('caught_up', 0);
        await sleep(o.pollMs, o.signal);
      }
    } catch (err) {
      failures += 1;
      const reason = err instanceof Error ? err.message : String(err);
      const waitMs =
        retryDelay(err, failures, BACKOFF, o.random ?? Math.random) ??
        Math.min(60_000, 1_000 * 2 ** Math.min(failures, 6));
      o.log.warn(
        { connection: o.connectionId, waitMs, attempt: failures, reason },
        'HubSpot journal read failed',
      );
      await report('backoff', lag, reason);
      await sleep(waitMs, o.signal);
    }
  }
}
