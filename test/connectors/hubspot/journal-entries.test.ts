import { describe, expect, it } from 'vitest';
import { journalEntryBatch } from '../../../connectors/hubspot/journal/journal-entries.js';
import { hubspotChangesIssue } from '../../../connectors/hubspot/journal/changes-setting.js';
import { JournalFetchResponse } from '../../../connectors/hubspot/journal/journal-schemas.js';
import { parseHubspotEvents } from '../../../connectors/hubspot/webhook.js';

const event = (i: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventId: 1000 + i,
  subscriptionId: 101,
  portalId: 62515,
  appId: 777,
  occurredAt: 1_700_000_000_000 + i,
  subscriptionType: 'contact.propertyChange',
  objectId: 500 + i,
  propertyName: 'email',
  propertyValue: `p${i}@example.com`,
  changeSource: 'CRM_UI',
  ...extra,
});

describe('journal entry files', () => {
  it('turn into webhook bodies of at most 100 events that the spool parser reads back unchanged', () => {
    const file = Array.from({ length: 230 }, (_, i) => event(i));
    const batch = journalEntryBatch(file, 62515);
    expect(batch.events).toBe(230);
    expect(batch.bodies.map((b) => (JSON.parse(b.toString('utf8')) as unknown[]).length)).toEqual([
      100, 100, 30,
    ]);
    expect(batch.lastOccurredAt).toBe(1_700_000_000_229);
    const parsed = batch.bodies.flatMap((b) => parseHubspotEvents(b));
    expect(parsed.map((e) => e.objectId)).toEqual(file.map((e) => String(e['objectId'])));
    expect(parsed[0]).toMatchObject({ kind: 'updated', propertyName: 'email', changeSource: 'CRM_UI' });
  });

  it("keep our own app's writes recognisable (echo detection reads changeSource and sourceId)", () => {
    const [body] = journalEntryBatch(
      [event(1, { changeSource: 'INTEGRATION', sourceId: '777' })],
      62515,
    ).bodies;
    expect(body && parseHubspotEvents(body)[0]).toMatchObject({
      changeSource: 'INTEGRATION',
      sourceId: '777',
    });
  });

  it('refuse a file that is not an array of events, naming the bad event and field', () => {
    expect(() => journalEntryBatch({ events: [] }, undefined)).toThrow(/not a JSON array/);
    expect(() => journalEntryBatch([event(0), event(1, { occurredAt: 'yesterday' })], undefined)).toThrow(
      /journal event 1\.occurredAt/,
    );
  });

  it('refuse events of another portal', () => {
    expect(() => journalEntryBatch([event(0, { portalId: 1 })], 62515)).toThrow(/portal 1/);
  });

  it('an empty entry yields no body and no time', () => {
    expect(journalEntryBatch([], 62515)).toEqual({ bodies: [], events: 0, lastOccurredAt: undefined });
  });
});

describe('journal responses and settings', () => {
  it('a fetch answer needs an offset, an ISO expiry and a URL', () => {
    const ok = {
      currentOffset: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
      expiresAt: '2026-12-05T10:00:00Z',
      url: 'https://f.example/x',
    };
    expect(JournalFetchResponse.parse(ok)).toEqual(ok);
    expect(JournalFetchResponse.safeParse({ ...ok, url: 'not a url' }).success).toBe(false);
    expect(JournalFetchResponse.safeParse({ currentOffset: ok.currentOffset, url: ok.url }).success).toBe(
      false,
    );
  });

  it("journal needs the app's client credentials (oauth); webhooks needs nothing more", () => {
    expect(hubspotChangesIssue({ changes: 'journal', auth: { type: 'private_app' } })).toMatch(/oauth/);
    expect(hubspotChangesIssue({ changes: 'journal', auth: { type: 'oauth' } })).toBeUndefined();
    expect(hubspotChangesIssue({ changes: 'webhooks', auth: { type: 'private_app' } })).toBeUndefined();
  });
});
