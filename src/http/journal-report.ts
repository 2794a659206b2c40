import { Gauge, type Registry } from 'prom-client';
import { JOURNAL_STATUS_TTL_MS, type JournalOffsets, type JournalStatus } from '../store/journal-offsets.js';

export interface JournalReportLine {
  readonly state: JournalStatus['state'];
  readonly lagSeconds: number;
  /** When its reader last reported (ISO), if it ever did. */
  readonly updatedAt?: string;
  readonly reason?: string;
}

/** Each HubSpot journal reader's state and lag, as its process last wrote them to Redis. */
export interface JournalReporter {
  report(): Promise<Record<string, JournalReportLine>>;
  /** Sets `partnersync_journal_lag_seconds` and `partnersync_journal_state` from the report. */
  refreshMetrics(): Promise<void>;
}

const STATES: readonly JournalStatus['state'][] = [
  'starting',
  'consuming',
  'caught_up',
  'backoff',
  'standby',
  'fallback',
  'stopped',
];

export function createJournalReporter(
  offsets: Pick<JournalOffsets, 'status'>,
  connectionIds: readonly string[],
  registry: Registry,
  now: () => number,
): JournalReporter {
  const lag = new Gauge({
    name: 'partnersync_journal_lag_seconds',
    help: 'HubSpot journal reader lag behind the newest change read',
    labelNames: ['connection'],
    registers: [registry],
  });
  const state = new Gauge({
    name: 'partnersync_journal_state',
    help: 'HubSpot journal reader state (1 = current)',
    labelNames: ['connection', 'state'],
    registers: [registry],
  });
  const lineOf = (s: JournalStatus | undefined): JournalReportLine => {
    if (s === undefined || now() - s.at > JOURNAL_STATUS_TTL_MS) return { state: 'stopped', lagSeconds: 0 };
    const reason = s.reason === undefined ? {} : { reason: s.reason };
    return { state: s.state, lagSeconds: s.lagMs / 1000, updatedAt: new Date(s.at).toISOString(), ...reason };
  };
  const report = async (): Promise<Record<string, JournalReportLine>> =>
    Object.fromEntries(
      await Promise.all(connectionIds.map(async (id) => [id, lineOf(await offsets.status(id))] as const)),
    );
  return {
    report,
    async refreshMetrics() {
      for (const [id, line] of Object.entries(await report())) {
        lag.set({ connection: id }, line.lagSeconds);
        for (const s of STATES) state.set({ connection: id, state: s }, s === line.state ? 1 : 0);
      }
    },
  };
}
