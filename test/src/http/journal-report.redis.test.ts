import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createJournalReporter } from '../../../src/http/journal-report.js';
import { createJournalOffsets } from '../../../src/store/journal-offsets.js';
import { createKeySpace } from '../../../src/store/keys.js';
import { deleteKeys, testPrefix, workerRedis } from '../../helpers/redis.js';

const redis = workerRedis();
const prefix = testPrefix();
afterAll(async () => {
  await deleteKeys(redis, `*${prefix}*`);
  redis.disconnect();
});

describe('journal readers in /readyz and /metrics', () => {
  it("report each reader's state and lag as its process wrote them; a silent or unknown reader is stopped", async () => {
    const offsets = createJournalOffsets(redis, createKeySpace(prefix));
    const now = 1_800_000_000_000;
    await offsets.setStatus('hs-a', { state: 'consuming', lagMs: 2_500, at: now - 1_000 });
    await offsets.setStatus('hs-b', { state: 'backoff', lagMs: 0, at: now - 120_000, reason: 'HubSpot 503' });
    const registry = new Registry();
    const reporter = createJournalReporter(offsets, ['hs-a', 'hs-b', 'hs-c'], registry, () => now);
    expect(await reporter.report()).toEqual({
      'hs-a': { state: 'consuming', lagSeconds: 2.5, updatedAt: new Date(now - 1_000).toISOString() },
      'hs-b': { state: 'stopped', lagSeconds: 0 },
      'hs-c': { state: 'stopped', lagSeconds: 0 },
    });
    await reporter.refreshMetrics();
    const text = await registry.metrics();
    expect(text).toContain('partnersync_journal_lag_seconds{connection="hs-a"} 2.5');
    expect(text).toContain('partnersync_journal_state{connection="hs-a",state="consuming"} 1');
    expect(text).toContain('partnersync_journal_state{connection="hs-a",state="caught_up"} 0');
    expect(text).toContain('partnersync_journal_state{connection="hs-c",state="stopped"} 1');
  });
});
