import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJournalClient } from '../../../connectors/hubspot/journal/journal-client.js';
import { ensureJournalSubscriptions } from '../../../connectors/hubspot/journal/journal-subscriptions.js';
import { wantedSubscription } from '../../../connectors/hubspot/journal/subscription-plan.js';
import { HS_PORTAL_ID } from '../../../connectors/sandbox/hubspot/portal.js';
import { createHubspotSandbox, type HubspotSandbox } from '../../../connectors/sandbox/hubspot-server.js';

let sandbox: HubspotSandbox;
let clock = Date.UTC(2026, 11, 5);
const now = (): number => clock;
const base = (): string => `${sandbox.url}/webhooks-journal/journal-local/2026-03`;

const app = () => ({
  baseUrl: sandbox.url,
  clientId: sandbox.credentials.clientId,
  clientSecret: sandbox.credentials.clientSecret,
});

async function token(scope: string): Promise<string> {
  const c = sandbox.credentials;
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: c.clientId,
    client_secret: c.clientSecret,
    scope,
  });
  const res = await fetch(`${sandbox.url}/oauth/2026-03/token`, { method: 'POST', body });
  return ((await res.json()) as { access_token: string }).access_token;
}

beforeAll(async () => {
  sandbox = await createHubspotSandbox({ now, webhook: { enabled: false } });
  // The journal holds only subscribed changes: subscribe the way provision does.
  const target = { ...app(), portalId: HS_PORTAL_ID, timeoutMs: 5_000, now };
  const contacts = wantedSubscription('contacts', '0-1', ['email', 'firstname'], false);
  await ensureJournalSubscriptions(target, [contacts], false);
});
afterAll(async () => sandbox.close());

describe('HubSpot sandbox: webhooks journal', () => {
  it('serves earliest / next with {currentOffset, expiresAt, url}, the file holding the change as webhook events', async () => {
    const contact = sandbox.store.create('contacts', { email: 'j1@example.com' }, { userId: '9000001' });
    sandbox.store.update('contacts', contact.id, { firstname: 'Jo' }, { userId: '9000001' });
    const auth = { authorization: `Bearer ${await token('developer.webhooks_journal.read')}` };
    const first = (await (
      await fetch(`${base()}/earliest?installPortalId=${HS_PORTAL_ID}`, { headers: auth })
    ).json()) as Record<string, string>;
    expect(Object.keys(first).sort()).toEqual(['currentOffset', 'expiresAt', 'url']);
    expect(await (await fetch(first['url'] ?? '')).json()).toMatchObject([
      { subscriptionType: 'contact.creation', objectId: Number(contact.id), portalId: HS_PORTAL_ID },
    ]);
    const next = await fetch(`${base()}/offset/${first['currentOffset']}/next`, { headers: auth });
    const file = (await (await fetch(((await next.json()) as { url: string }).url)).json()) as unknown[];
    expect(file).toMatchObject([{ subscriptionType: 'contact.propertyChange', propertyName: 'firstname' }]);
  });

  it('refuses a token without the journal scope, and a file URL past its expiry', async () => {
    const unscoped = await fetch(`${base()}/latest`, {
      headers: { authorization: `Bearer ${await token('crm.objects.contacts.read')}` },
    });
    expect(unscoped.status).toBe(403);
    const auth = { authorization: `Bearer ${await token('developer.webhooks_journal.read')}` };
    const latest = (await (await fetch(`${base()}/latest`, { headers: auth })).json()) as {
      url: string;
      expiresAt: string;
    };
    clock = Date.parse(latest.expiresAt) + 1;
    expect((await fetch(latest.url)).status).toBe(403);
  });

  it('answers 404 for an offset past the 3-day retention; the client reports it as gone', async () => {
    const client = createJournalClient({
      baseUrl: sandbox.url,
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret,
      portalId: HS_PORTAL_ID,
      timeoutMs: 5_000,
      now,
    });
    sandbox.store.create('contacts', { email: 'j2@example.com' }, { userId: '9000001' });
    const latest = await client.read({ from: 'latest' });
    if (latest.kind !== 'entry') throw new Error('expected an entry');
    expect(await client.read({ after: latest.offset })).toEqual({ kind: 'none' });
    clock += 3 * 24 * 3_600_000 + 1;
    expect(await client.read({ after: latest.offset })).toEqual({ kind: 'gone' });
    expect(sandbox.journal.size()).toBe(0);
  });
});
