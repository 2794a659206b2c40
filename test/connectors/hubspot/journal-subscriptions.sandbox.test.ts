import { afterEach, describe, expect, it } from 'vitest';
import { ensureJournalSubscriptions } from '../../../connectors/hubspot/journal/journal-subscriptions.js';
import { wantedSubscription } from '../../../connectors/hubspot/journal/subscription-plan.js';
import { HS_PORTAL_ID } from '../../../connectors/sandbox/hubspot/portal.js';
import { createHubspotSandbox, type HubspotSandbox } from '../../../connectors/sandbox/hubspot-server.js';

const UI = { userId: '9000001' };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function sandbox(journalScopes?: readonly string[]): Promise<HubspotSandbox> {
  const sb = await createHubspotSandbox({ webhook: { enabled: false }, journalScopes });
  closers.push(() => sb.close());
  return sb;
}

const target = (sb: HubspotSandbox) => ({
  baseUrl: sb.url,
  clientId: sb.credentials.clientId,
  clientSecret: sb.credentials.clientSecret,
  portalId: HS_PORTAL_ID,
  timeoutMs: 5_000,
  now: Date.now,
});

const contacts = (properties: string[]) => wantedSubscription('contacts', '0-1', properties, false);
const deals = wantedSubscription('deals', '0-3', ['dealname'], true);

describe('HubSpot webhooks-journal subscriptions (sandbox)', () => {
  it('a portal with no subscriptions journals nothing', async () => {
    const sb = await sandbox();
    const c = sb.store.create('contacts', { email: 'none@example.com' }, UI);
    sb.store.update('contacts', c.id, { firstname: 'No' }, UI);
    sb.store.softDelete('contacts', c.id, UI);
    expect(sb.journal.size()).toBe(0);
  });

  it('journals only subscribed object types, actions and (for UPDATE) properties', async () => {
    const sb = await sandbox();
    const items = await ensureJournalSubscriptions(
      target(sb),
      [contacts(['email', 'firstname']), deals],
      false,
    );
    expect(items.map((i) => [i.name, i.status])).toEqual([
      ['contacts.journal', 'created'],
      ['deals.journal', 'created'],
    ]);
    const c = sb.store.create('contacts', { email: 'a@example.com' }, UI);
    sb.store.update('contacts', c.id, { firstname: 'Ann' }, UI);
    sb.store.update('contacts', c.id, { jobtitle: 'CTO' }, UI); // not a subscribed property
    sb.store.create('companies', { name: 'Unsubscribed Inc' }, UI);
    const d = sb.store.create('deals', { dealname: 'D' }, UI);
    const co = sb.store.create('companies', { name: 'Customer' }, UI);
    const [dealToCompany] = sb.associations.definitions('deals', 'companies');
    if (dealToCompany === undefined) throw new Error('no deal → company association type');
    sb.associations.associate('deals', d.id, 'companies', co.id, [dealToCompany]);
    const kinds = sb.journal.events().map((e) => [e['subscriptionType'], e['propertyName']]);
    expect(kinds).toEqual([
      ['contact.creation', undefined],
      ['contact.propertyChange', 'firstname'],
      ['deal.creation', undefined],
      ['deal.associationChange', undefined],
    ]);
  });

  it('lists SubscriptionResponse objects; a second run changes nothing; a new property updates the subscription', async () => {
    const sb = await sandbox();
    await ensureJournalSubscriptions(target(sb), [contacts(['email'])], false);
    const again = await ensureJournalSubscriptions(target(sb), [contacts(['email'])], false);
    expect(again.map((i) => i.status)).toEqual(['existed']);
    const changed = await ensureJournalSubscriptions(target(sb), [contacts(['email', 'jobtitle'])], false);
    expect(changed).toEqual([
      {
        kind: 'subscription',
        name: 'contacts.journal',
        status: 'updated',
        detail: 'adds properties jobtitle',
      },
    ]);
    const listed = sb.journalSubscriptions.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      subscriptionType: 'OBJECT',
      objectTypeId: '0-1',
      portalId: HS_PORTAL_ID,
      appId: sb.credentials.appId,
      properties: ['email', 'jobtitle'],
    });
    const c = sb.store.create('contacts', { email: 'b@example.com' }, UI);
    sb.store.update('contacts', c.id, { jobtitle: 'CFO' }, UI);
    expect(sb.journal.events().map((e) => e['propertyName'])).toContain('jobtitle');
  });

  it('a token without the subscription scopes gets 403 MISSING_SCOPES, reported with the endpoint and the scope', async () => {
    const none = await sandbox(['developer.webhooks_journal.read']);
    const [listItem] = await ensureJournalSubscriptions(target(none), [contacts(['email'])], false);
    expect(listItem?.status).toBe('failed');
    expect(listItem?.detail).toMatch(
      /^GET \/webhooks-journal\/subscriptions\/2026-03: HubSpot 403 MISSING_SCOPES.*needs the scope developer\.webhooks_journal\.subscriptions\.read$/,
    );
    const readOnly = await sandbox(['developer.webhooks_journal.subscriptions.read']);
    const dry = await ensureJournalSubscriptions(target(readOnly), [contacts(['email'])], true);
    expect(dry.map((i) => i.status)).toEqual(['would_create']);
    const [upsert] = await ensureJournalSubscriptions(target(readOnly), [contacts(['email'])], false);
    expect(upsert?.detail).toMatch(
      /^POST \/webhooks-journal\/subscriptions\/2026-03: HubSpot 403 MISSING_SCOPES.*needs the scope developer\.webhooks_journal\.subscriptions\.write$/,
    );
    expect(JSON.stringify(upsert)).not.toContain(readOnly.credentials.clientSecret);
    expect(readOnly.journalSubscriptions.list()).toEqual([]);
  });
});
