import { afterEach, describe, expect, it } from 'vitest';
import { settle, startTestStack, syncEverything, UI_USER } from './stack-helpers.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const until = async (what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('the HubSpot webhooks journal into write-back', () => {
  it('after the subscription step, a duplicate created in HubSpot reaches write-back through the journal; each field written once', async () => {
    const { stack, stop } = await startTestStack({
      hubspotChanges: 'journal',
      env: { HUBSPOT_JOURNAL_POLL_MS: '100' },
    });
    stops.push(stop);
    expect(stack.hubspot.journalSubscriptions.list().map((s) => s.objectTypeId)).toEqual(
      expect.arrayContaining(['0-1', '0-2', '0-3']),
    );
    await syncEverything(stack);

    const writes = new Map<string, number>();
    stack.hubspot.store.onChange((c) => {
      if (c.kind !== 'update' || c.actor.appId === undefined) return;
      for (const field of c.changed)
        writes.set(`${c.record.id}.${field}`, (writes.get(`${c.record.id}.${field}`) ?? 0) + 1);
    });
    const duplicate = stack.hubspot.store.create(
      'contacts',
      { firstname: 'Jon', lastname: 'Smith', email: 'JONATHAN.SMITH@acme.example', company: 'Acme Corp' },
      UI_USER,
    );
    const status = (): unknown =>
      stack.hubspot.store.get('contacts', duplicate.id)?.fields['ps_duplicate_status'];
    await until('the duplicate flag written back', () => status() === 'Duplicate');
    await new Promise((r) => setTimeout(r, 500)); // our own writes come back through the journal (echoes)
    await settle(stack);

    const journaled = stack.hubspot.journal.events().filter((e) => e['objectId'] === Number(duplicate.id));
    expect(journaled[0]).toMatchObject({ subscriptionType: 'contact.creation', changeSource: 'CRM_UI' });
    expect(journaled.some((e) => e['changeSource'] === 'INTEGRATION')).toBe(true);
    for (const field of ['ps_duplicate_status', 'ps_duplicate_of', 'ps_why_link'])
      expect(writes.get(`${duplicate.id}.${field}`), field).toBe(1);
    for (const [key, count] of writes) expect(count, key).toBe(1);
  }, 90_000);
});
