import { afterEach, describe, expect, it } from 'vitest';
import { UNLIMITED_GATE } from '../../../connectors/rate-budget.js';
import { SalesforceClient } from '../../../connectors/salesforce/client.js';
import { SalesforceConnector } from '../../../connectors/salesforce/connector.js';
import { adminActor } from '../../../connectors/sandbox/salesforce/org.js';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/sandbox/start-sandboxes.js';
import type { ConformanceDriver } from '../conformance.js';
import { runConformance } from '../conformance.js';

/** The same conformance suite as the nock fixtures, against the local sandbox through real jsforce. */

const COLLECTIONS = 'PATCH /services/data/:version/composite/sobjects';
const TOKEN = 'POST /services/oauth2/token';
const open: SalesforceSandbox[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((sb) => sb.close()));
});

function addLeads(sb: SalesforceSandbox, n: number): string[] {
  return Array.from(
    { length: n },
    (_v, i) => sb.store.create('Lead', { LastName: `Lead ${i}`, Company: `Co ${i % 40}` }, adminActor).id,
  );
}

function sandboxDriver(sb: SalesforceSandbox): ConformanceDriver {
  return {
    batchSize: 200,
    objectType: 'Lead',
    textField: 'Title',
    // More than one 2,000-record query page.
    listSize: 2_107,
    ids: async (n) => addLeads(sb, n),
    async changes(upserts, deletes) {
      addLeads(sb, upserts);
      const gone = addLeads(sb, deletes);
      for (const id of gone) sb.store.softDelete('Lead', id, adminActor);
      return gone;
    },
    async updates(ids, failAt) {
      // A record deleted meanwhile fails alone (ENTITY_IS_DELETED); the rest of its batch is written.
      for (const i of failAt) sb.store.softDelete('Lead', ids[i] ?? '', adminActor);
      const before = sb.counters.get(COLLECTIONS);
      return () => sb.counters.get(COLLECTIONS) - before;
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

function connectorFor(sb: SalesforceSandbox, refreshToken: string): SalesforceConnector {
  const client = new SalesforceClient({
    connectionId: 'sf-sandbox',
    loginUrl: sb.url,
    apiVersion: '62.0',
    auth: {
      type: 'refresh_token',
      clientId: sb.credentials.clientId,
      clientSecret: sb.credentials.clientSecret,
      refreshToken,
      accessToken: sb.auth.issue(),
      instanceUrl: sb.url,
    },
    gate: UNLIMITED_GATE,
    refreshCooldownMs: 0,
  });
  return new SalesforceConnector(client, {
    // Listing windows end one second before "now": look a little ahead so fresh records are in.
    now: () => Date.now() + 5_000,
    fields: { Lead: ['Id', 'LastName', 'Title', 'SystemModstamp', 'IsDeleted'] },
  });
}

async function sandbox(): Promise<SalesforceSandbox> {
  const sb = await startSalesforceSandbox({ faults: { timeoutMs: 2_000 } });
  open.push(sb);
  return sb;
}

// A refresh token the org no longer accepts: a 401 refreshes once, then fails for good.
runConformance('SalesforceConnector (sandbox, real jsforce)', async () => {
  const sb = await sandbox();
  return { connector: connectorFor(sb, 'revoked-refresh-token'), driver: sandboxDriver(sb) };
});

describe('SalesforceConnector against the sandbox', () => {
  it('refreshes an expired session with a valid refresh token and replays the call', async () => {
    const sb = await sandbox();
    const ids = addLeads(sb, 3);
    const connector = connectorFor(sb, sb.credentials.refreshToken);
    sb.auth.expireAll();
    const rows = await connector.readBatch('Lead', ids, { signal: new AbortController().signal });
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(sb.counters.get(TOKEN)).toBe(1);
  });

  it('reads Sforce-Limit-Info from the sandbox', async () => {
    const sb = await sandbox();
    const ids = addLeads(sb, 1);
    const connector = connectorFor(sb, sb.credentials.refreshToken);
    await connector.readBatch('Lead', ids, { signal: new AbortController().signal });
    expect(connector.apiUsage()).toMatchObject({ used: 1, limit: 100_000 });
  });
});
