import { afterEach, describe, expect, it } from 'vitest';
import { HubspotClient } from '../../connectors/hubspot/client.js';
import { HubspotConnector } from '../../connectors/hubspot/connector.js';
import { hubspotDefaultSchema } from '../../connectors/hubspot/default-schema.js';
import type { ChangeCursor, ChangePage, CrmConnector } from '../../connectors/port.js';
import { UNLIMITED_GATE } from '../../connectors/rate-budget.js';
import { adminActor } from '../../connectors/sandbox/hubspot/portal.js';
import { startHubspotSandbox, type HubspotSandbox } from '../../connectors/sandbox/start-sandboxes.js';
import { retryDelay, withRetries, type RetryInfo, type RetryOptions } from '../../connectors/with-retries.js';
import { retryLine } from '../../src/cli/cli-retry.js';
import {
  CrmAuthError,
  CrmRateLimitError,
  CrmRejectedError,
  CrmTransientError,
} from '../../src/core/errors/index.js';

const open: HubspotSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sb) => sb.close()));
});

const OPTS = { maxAttempts: 10, baseMs: 100, capMs: 1_000, maxRateLimitWaitMs: 60_000 };

describe('retryDelay (pure)', () => {
  it('backs off exponentially under a cap with full jitter, and never retries a permanent error', () => {
    const err = new CrmTransientError('HubSpot 503');
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelay(err, a, OPTS, () => 0.999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(retryDelay(err, 3, OPTS, () => 0)).toBe(0);
    expect(retryDelay(err, 10, OPTS, () => 0.5)).toBeNull();
    expect(
      retryDelay(new CrmRejectedError('400 VALIDATION_ERROR', 'VALIDATION_ERROR'), 1, OPTS, () => 0.5),
    ).toBeNull();
    expect(retryDelay(new CrmAuthError('401'), 1, OPTS, () => 0.5)).toBeNull();
  });

  it('waits at least what a 429 asks for, and stops on a wait longer than it is willing to (HubSpot DAILY)', () => {
    const tenSecondly = new CrmRateLimitError('429', 10_000, 'TEN_SECONDLY_ROLLING');
    expect(retryDelay(tenSecondly, 1, OPTS, () => 0.5)).toBe(10_000);
    const daily = new CrmRateLimitError('429', 8 * 3_600_000, 'DAILY');
    expect(retryDelay(daily, 1, OPTS, () => 0.5)).toBeNull();
  });
});

const fastRetry = (onRetry: (i: RetryInfo) => void): RetryOptions => ({
  baseMs: 10,
  capMs: 50,
  onRetry,
  // The fault's Retry-After (1 s) is honoured (asserted below); the sleep is scaled down to keep the test short.
  sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))),
});

async function flaky(
  rate: number,
  seed: number,
  retry?: RetryOptions,
): Promise<{ sb: HubspotSandbox; connector: HubspotConnector }> {
  const sb = await startHubspotSandbox({
    rateLimits: { tenSecondly: 100_000, searchPerSecond: 100_000 },
    faults: {
      seed,
      rateLimitRate: rate / 3,
      serverErrorRate: rate / 3,
      timeoutRate: rate / 3,
      timeoutMs: 1_000,
    },
  });
  open.push(sb);
  const client = new HubspotClient({
    connectionId: 'hs-flaky',
    baseUrl: sb.url,
    auth: { type: 'private_app', accessToken: sb.credentials.accessToken },
    gate: UNLIMITED_GATE,
    ...(retry === undefined ? {} : { retry }),
  });
  return { sb, connector: new HubspotConnector(client, { now: () => Date.now() + 5_000 }) };
}

describe('withRetries around a listing', () => {
  it('resumes a listing that failed mid-way from the last page it delivered', async () => {
    const cursor = (since: string): ChangeCursor => ({
      provider: 'hubspot',
      objectType: 'contacts',
      since,
      afterId: null,
      deletedSince: since,
    });
    const calls: (string | null)[] = [];
    let failed = false;
    const inner = {
      provider: 'hubspot',
      connectionId: 'hs-list',
      async *listChanges(_type: string, from: ChangeCursor | null): AsyncGenerator<ChangePage> {
        calls.push(from?.since ?? null);
        const start = from === null ? 0 : Number(from.since);
        for (let page = start + 1; page <= 3; page += 1) {
          if (page === 3 && !failed) {
            failed = true;
            throw new CrmTransientError('HubSpot 503 INTERNAL_ERROR: Service Unavailable');
          }
          yield { records: [], merges: [], cursor: cursor(String(page)) };
        }
      },
    } as unknown as CrmConnector;
    const pages: string[] = [];
    const retrying = withRetries(inner, { baseMs: 1, sleep: () => Promise.resolve() });
    for await (const p of retrying.listChanges('contacts', null, { signal: new AbortController().signal }))
      pages.push(p.cursor.since);
    expect(pages).toEqual(['1', '2', '3']);
    expect(calls).toEqual([null, '2']);
  });
});

describe('withRetries against a flaky HubSpot sandbox (faults from the first call)', () => {
  it(
    'provisions and lists everything through 429s (Retry-After), 5xx and hung connections',
    { timeout: 60_000 },
    async () => {
      const retries: RetryInfo[] = [];
      const policy = fastRetry((i) => retries.push(i));
      const { sb, connector } = await flaky(0.3, 7, policy);
      // As the setup commands build it: each call retried in place, the whole operation once more.
      const retrying = withRetries(connector, { ...policy, maxAttempts: 2 });
      const ctx = { signal: new AbortController().signal, timeoutMs: 300 };
      const report = await retrying.ensureSchema(hubspotDefaultSchema(false), ctx);
      expect(report.items.filter((i) => i.status === 'failed')).toEqual([]);
      expect(sb.portal.type('ps_deal_registration')?.properties.has('ps_status')).toBe(true);
      expect(sb.portal.type('deals')?.properties.has('ps_partner_sourced')).toBe(true);
      for (let i = 0; i < 450; i += 1) sb.store.create('contacts', { email: `f${i}@x.example` }, adminActor);
      const ids = new Set<string>();
      for await (const page of retrying.listChanges('contacts', null, ctx))
        for (const r of page.records) ids.add(r.id);
      expect(ids.size).toBe(450);
      expect(sb.faults.injected).toBeGreaterThan(3);
      expect(retries.length).toBe(sb.faults.injected);
      const waits = retries.filter((r) => r.reason.includes('429')).map((r) => r.waitMs);
      expect(waits.every((w) => w >= 1_000)).toBe(true);
      expect(
        retryLine(retries[0] ?? { connection: '', call: '', attempt: 0, waitMs: 0, reason: '' }),
      ).toMatch(/^hs-flaky: retrying .+ in .+ \(attempt 2\): HubSpot /);
    },
  );

  it('stops at once on a permanent error with one line naming the connection, the call and the vendor message', async () => {
    const { sb, connector } = await flaky(0, 1);
    sb.store.create('contacts', { email: 'x@x.example' }, adminActor);
    const retries: RetryInfo[] = [];
    const retrying = withRetries(connector, { onRetry: (i) => retries.push(i) });
    const err = await retrying
      .describe('ps_not_provisioned', { signal: new AbortController().signal })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrmRejectedError);
    expect((err as Error).message).toBe(
      'connection "hs-flaky": describe ps_not_provisioned: no custom object schema named "ps_not_provisioned" on this portal (run provision, or check the mapping)',
    );
    expect((err as Error).message).not.toContain('\n');
    expect(retries).toEqual([]);
  });
});
