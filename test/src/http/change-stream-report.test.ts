import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/core/metrics.js';
import {
  refreshStreamMetrics,
  withStreamReadiness,
  type StreamRow,
} from '../../../src/http/change-stream-report.js';

const row: StreamRow = {
  connection: 'salesforce',
  channel: '/data/LeadChangeEvent',
  state: 'reconnecting',
  holder: 'host:1',
  lagMs: 1500,
  lastReplayId: 42,
  reconnects: 3,
  resyncs: 1,
  updatedAt: 0,
};

describe('Pub/Sub subscriber status in /readyz and /metrics', () => {
  it('lists each subscriber in /readyz without making the HTTP tier unready', async () => {
    const check = withStreamReadiness(
      async () => ({ ready: true, checks: { redis: 'ok' } }),
      async () => [row],
    );
    const report = await check();
    expect(report.ready).toBe(true);
    expect(report.changeStreams).toEqual([
      expect.objectContaining({
        channel: '/data/LeadChangeEvent',
        state: 'reconnecting',
        lagMs: 1500,
        reconnects: 3,
      }),
    ]);
  });

  it('exports lag, streaming and reconnects per channel', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    await refreshStreamMetrics(metrics, async () => [row]);
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'partnersync_change_stream_lag_seconds{connection="salesforce",channel="/data/LeadChangeEvent"} 1.5',
    );
    expect(text).toContain(
      'partnersync_change_stream_streaming{connection="salesforce",channel="/data/LeadChangeEvent"} 0',
    );
    expect(text).toContain(
      'partnersync_change_stream_reconnects{connection="salesforce",channel="/data/LeadChangeEvent"} 3',
    );
  });
});
