import { afterEach, describe, expect, it } from 'vitest';
import { HubspotClient } from '../../../connectors/hubspot/client.js';
import { HubspotConnector } from '../../../connectors/hubspot/connector.js';
import { UNLIMITED_GATE } from '../../../connectors/rate-budget.js';
import { adminActor } from '../../../connectors/sandbox/hubspot/portal.js';
import { startHubspotSandbox, type HubspotSandbox } from '../../../connectors/sandbox/start-sandboxes.js';
import { CrmRateLimitError } from '../../../src/core/errors/index.js';
import type { ConformanceDriver } from '../conformance.js';
import { runConformance } from '../conformance.js';
import { assertNoLegacyHubspotCalls } from '../../helpers/legacy-hubspot.js';

/** The same conformance suite as the nock fixtures, against the local sandbox through @hubspot/api-client. */

const BATCH_UPDATE = 'POST /crm/objects/2026-03/:objectType/batch/update';
const TOKEN = 'POST /oauth/2026-03/token';
const open: HubspotSandbox[] = [];
const ctx = () => ({ signal: new AbortController().signal, timeoutMs: 5_000 });

afterEach(async () => {
  const done = open.splice(0);
  await Promise.all(done.map((sb) => sb.close()));
  for (const sb of done) assertNoLegacyHubspotCalls(sb);
});

function addContacts(sb: HubspotSandbox, n: number): string[] {
  return Array.from(
    { length: n },
    (_v, i) =>
      sb.store.create('contacts', { email: `c${i}-${sb.store.count('contacts')}@x.example` }, adminActor).id,
  );
}

function sandboxDriver(sb: HubspotSandbox): ConformanceDriver {
  return {
    batchSize: 100,
    objectType: 'contacts',
    textField: 'jobtitle',
    // More than one 200-result search page.
    listSize: 407,
    ids: async (n) => addContacts(sb, n),
    async changes(upserts, deletes) {
      addContacts(sb, upserts);
      const gone = addContacts(sb, deletes);
      for (const id of gone) sb.store.softDelete('contacts', id, adminActor);
      return gone;
    },
    async updates(ids, failAt) {
      // An archived record fails alone (207 with OBJECT_NOT_FOUND); the rest of its batch is written.
      for (const i of failAt) sb.store.softDelete('contacts', ids[i] ?? '', adminActor);
      const before = sb.counters.get(BATCH_UPDATE);
      return () => sb.counters.get(BATCH_UPDATE) - before;
    },
    async readFails(kind) {
      if (kind === 'rate_limit') sb.faults.failNext('rateLimit');
      if (kind === 'server_error') sb.faults.failNext('serverError');
      if (kind === 'hang') sb.faults.failNext('timeout');
      if (kind === 'unauthorized') sb.auth.expireAll();
    },
    refreshed: () => sb.counters.get(TOKEN) > 0,
  };
}

function connectorFor(sb: HubspotSandbox, refreshToken: string): HubspotConnector {
  const client = new HubspotClient({
    connectionId: 'hs-sandbox',
    baseUrl: sb.url,
    auth: {
      type: 'oauth',
      clientId: sb.credentials.clientId,
      clientSecret: sb.credentials.clientSecret,
      refreshToken,
      accessToken: sb.auth.issue(),
    },
    gate: UNLIMITED_GATE,
  });
  return new HubspotConnector(client, {
    now: () => Date.now() + 5_000,
    properties: { contacts: ['email', 'jobtitle'] },
  });
}

async function sandbox(
  rateLimits = { tenSecondly: 10_000, searchPerSecond: 1_000 },
): Promise<HubspotSandbox> {
  const sb = await startHubspotSandbox({ rateLimits, faults: { timeoutMs: 2_000 } });
  open.push(sb);
  return sb;
}

runConformance('HubspotConnector (sandbox, real @hubspot/api-client)', async () => {
  const sb = await sandbox();
  return { connector: connectorFor(sb, 'revoked-refresh-token'), driver: sandboxDriver(sb) };
});

describe('HubspotConnector against the sandbox', () => {
  it('refreshes an expired OAuth token and replays the call', async () => {
    const sb = await sandbox();
    const ids = addContacts(sb, 3);
    const connector = connectorFor(sb, sb.credentials.refreshToken);
    sb.auth.expireAll();
    const rows = await connector.readBatch('contacts', ids, ctx());
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(sb.counters.get(TOKEN)).toBe(1);
  });

  it('answers the sandbox ten-secondly limit with CrmRateLimitError carrying the window', async () => {
    const sb = await sandbox({ tenSecondly: 2, searchPerSecond: 1_000 });
    const ids = addContacts(sb, 1);
    const connector = connectorFor(sb, sb.credentials.refreshToken);
    await connector.readBatch('contacts', ids, ctx());
    await connector.readBatch('contacts', ids, ctx());
    const err = await connector.readBatch('contacts', ids, ctx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrmRateLimitError);
    expect(err).toMatchObject({ policy: 'TEN_SECONDLY_ROLLING' });
    expect((err as CrmRateLimitError).retryAfterMs).toBeGreaterThan(0);
  });
});

describe('HubspotConnector change listing past the 10,000-result search cap (sandbox)', () => {
  it('returns all 12,000 contacts modified in one window, 10,500 of them in the same millisecond', async () => {
    let clock = Date.now() - 60_000;
    const sb = await startHubspotSandbox({
      now: () => clock,
      rateLimits: { tenSecondly: 100_000, searchPerSecond: 100_000 },
    });
    open.push(sb);
    const fixed = clock;
    // More than the cap in one millisecond: the listing must walk that instant by hs_object_id.
    // (The 25,000-record case with restarts at the cap runs against the nock fake of search.)
    for (let i = 0; i < 12_000; i += 1) {
      clock = i < 10_500 ? fixed : fixed + 1 + (i % 977);
      sb.store.create('contacts', { email: `m${i}@x.example` }, adminActor);
    }
    clock = Date.now();
    const ids = new Set<string>();
    for await (const page of connectorFor(sb, sb.credentials.refreshToken).listChanges(
      'contacts',
      null,
      ctx(),
    ))
      for (const r of page.records) ids.add(r.id);
    expect(ids.size).toBe(12_000);
    // 60 pages minimum; the capped first query's 10,000 are read again by the id walk (111 measured).
    expect(sb.counters.get('POST /crm/objects/2026-03/:objectType/search')).toBeLessThan(120);
  });
});
