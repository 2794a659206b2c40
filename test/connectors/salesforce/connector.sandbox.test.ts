import { afterEach, describe, expect, it } from 'vitest';
import { UNLIMITED_GATE } from '../../../connectors/rate-budget.js';
import { SalesforceClient } from '../../../connectors/salesforce/client.js';
import { SalesforceConnector } from '../../../connectors/salesforce/connector.js';
import { isOwnSalesforceChange } from '../../../connectors/salesforce/is-own-salesforce-change.js';
import { cdcMessage } from '../../../connectors/sandbox/salesforce/outbound-message.js';
import { adminActor, SF_INTEGRATION_USER_ID, SF_ORG_ID } from '../../../connectors/sandbox/salesforce/org.js';
import type { RecordChange } from '../../../connectors/sandbox/store.js';
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

  it('tags its writes with Sforce-Call-Options client=partnersync, so their change events read as ours', async () => {
    const sb = await sandbox();
    const ids = addLeads(sb, 2);
    const connector = connectorFor(sb, sb.credentials.refreshToken);
    const changes: RecordChange[] = [];
    sb.store.onChange((c) => changes.push(c));
    await connector.writeBatch(
      'Lead',
      ids.map((id) => ({ id, fields: { Title: 'Flagged' } })),
      { signal: new AbortController().signal },
    );
    expect(changes.map((c) => ({ userId: c.actor.userId, clientId: c.actor.clientId }))).toEqual([
      { userId: SF_INTEGRATION_USER_ID, clientId: 'partnersync' },
      { userId: SF_INTEGRATION_USER_ID, clientId: 'partnersync' },
    ]);
    const event = JSON.parse(
      cdcMessage(
        sb.org,
        changes.map((change) => ({ change, obj: sb.org.objectOrThrow('Lead'), notificationId: 'n' })),
        1,
      ).body,
    ) as { payload: { ChangeEventHeader: { changeOrigin: string; commitUser: string } } }[];
    const header = event[0]?.payload.ChangeEventHeader;
    expect(header?.changeOrigin).toMatch(/;client=partnersync$/);
    // Either mark alone identifies the echo: the client tag, or the user from the token's identity.
    const identity = await connector.identity({ signal: new AbortController().signal });
    expect(identity).toEqual({ userId: SF_INTEGRATION_USER_ID, organizationId: SF_ORG_ID });
    expect(
      isOwnSalesforceChange({ changeOrigin: header?.changeOrigin ?? '' }, { clientId: 'partnersync' }),
    ).toBe(true);
    expect(
      isOwnSalesforceChange({ commitUser: header?.commitUser ?? '' }, { integrationUserId: identity.userId }),
    ).toBe(true);
  });

  it('learns its own user from the token response, or from UserInfo when it has only an access token', async () => {
    const sb = await sandbox();
    const refreshed = connectorFor(sb, sb.credentials.refreshToken);
    sb.auth.expireAll();
    await refreshed.readBatch('Lead', addLeads(sb, 1), { signal: new AbortController().signal });
    const signal = new AbortController().signal;
    expect((await refreshed.identity({ signal })).userId).toBe(SF_INTEGRATION_USER_ID);
    expect(sb.counters.get('GET /services/oauth2/userinfo')).toBe(0);
    const bare = new SalesforceConnector(
      new SalesforceClient({
        connectionId: 'sf-bare',
        loginUrl: sb.url,
        apiVersion: '62.0',
        auth: { type: 'access_token', accessToken: sb.auth.issue(), instanceUrl: sb.url },
        gate: UNLIMITED_GATE,
      }),
    );
    expect((await bare.identity({ signal })).userId).toBe(SF_INTEGRATION_USER_ID);
    await bare.identity({ signal });
    expect(sb.counters.get('GET /services/oauth2/userinfo')).toBe(1);
  });

  it('reads Sforce-Limit-Info from the sandbox', async () => {
    const sb = await sandbox();
    const ids = addLeads(sb, 1);
    const connector = connectorFor(sb, sb.credentials.refreshToken);
    await connector.readBatch('Lead', ids, { signal: new AbortController().signal });
    expect(connector.apiUsage()).toMatchObject({ used: 1, limit: 100_000 });
  });
});
