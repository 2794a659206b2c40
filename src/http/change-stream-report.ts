import type { ConnectionConfig } from '../../connectors/connection-config.js';
import type { Metrics } from '../core/metrics.js';
import type { ChangeStreamStore, StreamStatus } from '../store/change-streams.js';
import type { ReadinessCheck } from './readiness.js';

export interface StreamRow extends StreamStatus {
  readonly connection: string;
  readonly channel: string;
}

/** Every Pub/Sub subscriber's last reported status (written by whichever process holds the lease). */
export function streamStatusReader(
  store: ChangeStreamStore,
  configs: readonly ConnectionConfig[],
): () => Promise<StreamRow[]> {
  const ids = configs.filter((c) => c.provider === 'salesforce' && c.changes === 'pubsub').map((c) => c.id);
  return async () => {
    const rows: StreamRow[] = [];
    for (const connection of ids) {
      const statuses = await store.statuses(connection);
      for (const [channel, status] of Object.entries(statuses)) rows.push({ connection, channel, ...status });
    }
    return rows;
  };
}

/** /readyz also lists each subscriber's state and lag; a reconnecting stream does not make the HTTP tier unready. */
export function withStreamReadiness(check: ReadinessCheck, read: () => Promise<StreamRow[]>): ReadinessCheck {
  return async () => {
    const report = await check();
    const rows = await read().catch(() => []);
    const changeStreams = rows.map((r) => ({
      connection: r.connection,
      channel: r.channel,
      state: r.state,
      lagMs: r.lagMs,
      holder: r.holder,
      reconnects: r.reconnects,
      resyncs: r.resyncs,
    }));
    return { ...report, ...(changeStreams.length > 0 ? { changeStreams } : {}) };
  };
}

/** Sets the stream gauges from the stored statuses when /metrics is scraped. */
export async function refreshStreamMetrics(
  metrics: Metrics,
  read: () => Promise<StreamRow[]>,
): Promise<void> {
  const rows = await read().catch(() => []);
  for (const r of rows) {
    const labels = { connection: r.connection, channel: r.channel };
    metrics.changeStreamLag.set(labels, r.lagMs / 1000);
    metrics.changeStreamStreaming.set(labels, r.state === 'streaming' ? 1 : 0);
    metrics.changeStreamReconnects.set(labels, r.reconnects);
  }
}
