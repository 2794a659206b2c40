import { Connection } from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { parseChangeEvents } from '../../../connectors/salesforce/change-event.js';
import { adminActor } from '../../../connectors/sandbox/salesforce/org.js';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/sandbox/start-sandboxes.js';
import { startReceiver } from './webhook-receiver.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

const ACK =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
  '<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse>' +
  '</soapenv:Body></soapenv:Envelope>';

async function setup(
  reply: { status: number; contentType: string; body: string },
  format: 'soap' | 'cdc',
  extra: { overflowAfter?: number } = {},
): Promise<{ sb: SalesforceSandbox; received: { body: string }[] }> {
  const receiver = await startReceiver(reply);
  closers.push(receiver.close);
  const sb = await startSalesforceSandbox({
    webhook: {
      url: receiver.url,
      format,
      flushIntervalMs: 10_000,
      retryDelayMs: 20,
      maxAttempts: 4,
      ...extra,
    },
  });
  closers.push(() => sb.close());
  return { sb, received: receiver.received };
}

const lead = (sb: SalesforceSandbox, last: string): string =>
  sb.store.create('Lead', { LastName: last, Company: 'Notify Co' }, adminActor).id;

describe('Salesforce sandbox outbound messages', () => {
  it('counts a delivery only when the listener answers <Ack>true</Ack>; retries with growing gaps otherwise', async () => {
    const { sb } = await setup({ status: 200, contentType: 'text/xml', body: '<ok/>' }, 'soap');
    lead(sb, 'NoAck');
    await sb.webhooks.flush();
    const tries = sb.webhooks.deliveries;
    expect(tries.map((d) => d.status)).toEqual([200, 200, 200, 200]);

    const acked = await setup({ status: 200, contentType: 'text/xml', body: ACK }, 'soap');
    lead(acked.sb, 'Acked');
    await acked.sb.webhooks.flush();
    expect(acked.sb.webhooks.deliveries).toHaveLength(1);
  });

  it('sends a notification without data for a record deleted before delivery', async () => {
    const { sb, received } = await setup({ status: 200, contentType: 'text/xml', body: ACK }, 'soap');
    const kept = lead(sb, 'Kept');
    const gone = lead(sb, 'Gone');
    sb.store.softDelete('Lead', gone, adminActor);
    await sb.webhooks.flush();
    const notes = (received[0]?.body ?? '').split('<Notification>').slice(1);
    expect(notes).toHaveLength(2);
    const keptNote = notes.find((n) => n.includes(kept)) ?? '';
    const goneNote = notes.find((n) => n.includes(gone)) ?? '';
    expect(keptNote).toContain('<sf:LastName>Kept</sf:LastName>');
    expect(goneNote.match(/<sf:\w+>/g)).toEqual(['<sf:Id>']);
  });
});

describe('Salesforce sandbox change events (CDC)', () => {
  it('merges the same change to several records of one transaction into one event with every id', async () => {
    const { sb, received } = await setup({ status: 200, contentType: 'application/json', body: '' }, 'cdc');
    const ids = [lead(sb, 'A'), lead(sb, 'B'), lead(sb, 'C')];
    await sb.webhooks.flush();
    received.splice(0);
    const conn = new Connection({
      instanceUrl: sb.url,
      accessToken: sb.credentials.accessToken,
      version: '62.0',
    });
    await conn.update(
      'Lead',
      ids.map((Id) => ({ Id, Title: 'Same' })),
    );
    await sb.webhooks.flush();
    const events = received.flatMap((r) => parseChangeEvents(Buffer.from(r.body)));
    expect(events.map((e) => e.objectId).sort()).toEqual([...ids].sort());
    expect(new Set(events.map((e) => e.eventId)).size).toBe(1);
  });

  it('sends gap events (ids, no data) and one header-only GAP_OVERFLOW past the transaction threshold', async () => {
    const { sb, received } = await setup({ status: 200, contentType: 'application/json', body: '' }, 'cdc', {
      overflowAfter: 2,
    });
    const ids = [lead(sb, 'A')];
    await sb.webhooks.flush();
    received.splice(0);
    sb.gap('Lead', ids);
    await sb.webhooks.flush();
    const gap = received.flatMap((r) => parseChangeEvents(Buffer.from(r.body)));
    expect(gap).toEqual([expect.objectContaining({ objectId: ids[0], needsReread: true, kind: 'updated' })]);
    expect(gap[0]?.fields).toBeUndefined();
    received.splice(0);
    const conn = new Connection({
      instanceUrl: sb.url,
      accessToken: sb.credentials.accessToken,
      version: '62.0',
    });
    await conn.create(
      'Lead',
      ['D', 'E', 'F', 'G'].map((LastName) => ({ LastName, Company: 'Bulk' })),
    );
    await sb.webhooks.flush();
    const events = received.flatMap((r) => parseChangeEvents(Buffer.from(r.body)));
    expect(events.filter((e) => !e.wildcard)).toHaveLength(2);
    expect(events.filter((e) => e.wildcard)).toEqual([
      expect.objectContaining({ objectType: 'Lead', needsReread: true }),
    ]);
  });
});
