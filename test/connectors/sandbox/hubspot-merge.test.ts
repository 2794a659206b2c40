import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminActor } from '../../../connectors/sandbox/hubspot/portal.js';
import { startHubspotSandbox, type HubspotSandbox } from '../../../connectors/sandbox/start-sandboxes.js';
import { startReceiver } from './webhook-receiver.js';

let sb: HubspotSandbox;
beforeEach(async () => {
  sb = await startHubspotSandbox({ rateLimits: { tenSecondly: 1000, searchPerSecond: 1000 } });
});
afterEach(async () => {
  await sb.close();
});

type Json = Record<string, unknown>;

async function call(method: string, path: string, body?: unknown): Promise<[number, Json]> {
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${sb.credentials.accessToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return [res.status, (await res.json()) as Json];
}

const merge = (type: string, primaryObjectId: string, objectIdToMerge: string): Promise<[number, Json]> =>
  call('POST', `/crm/objects/2026-03/${type}/merge`, { primaryObjectId, objectIdToMerge });

const read = (type: string, id: string): Promise<[number, Json]> =>
  call('GET', `/crm/objects/2026-03/${type}/${id}?properties=hs_merged_object_ids,firstname,dealname`);

/** The webhook events one action fires. */
async function eventsOf(action: () => Promise<unknown>): Promise<Json[]> {
  const receiver = await startReceiver({ status: 200, contentType: 'text/plain', body: '' });
  sb.webhooks.configure({ url: receiver.url });
  await action();
  await sb.webhooks.flush();
  await receiver.close();
  return receiver.received.flatMap((r) => JSON.parse(r.body) as Json[]);
}

const contact = (firstname: string, email: string | null): string =>
  sb.store.create('contacts', { firstname, email }, adminActor).id;

describe('HubSpot sandbox merges', () => {
  it('keeps the primary id: lists the merged id, reads it as the primary, fires merge and deletion', async () => {
    const [a, b] = [contact('Jon', 'jon@x.example'), contact('Jonathan', 'j@x.example')];
    const events = await eventsOf(() => merge('contacts', a, b));
    expect((await read('contacts', a))[1]).toMatchObject({
      id: a,
      properties: { hs_merged_object_ids: b, firstname: 'Jon' },
    });
    // The merged-away id still reads, answered as the record it ended in.
    expect(await read('contacts', b)).toMatchObject([200, { id: a }]);
    const ids = { objectId: Number(a), primaryObjectId: Number(a), newObjectId: Number(a) };
    expect(events).toEqual([
      expect.objectContaining({ subscriptionType: 'contact.merge', ...ids, mergedObjectIds: [Number(b)] }),
      expect.objectContaining({ subscriptionType: 'contact.deletion', objectId: Number(b) }),
    ]);
    // A PATCH does not follow the merge.
    expect((await call('PATCH', `/crm/objects/2026-03/contacts/${b}`, { properties: {} }))[0]).toBe(404);
  });

  it('mints a new id for deals: both old ids read as it and each fires a deletion', async () => {
    const a = sb.store.create('deals', { dealname: 'Renewal' }, adminActor).id;
    const b = sb.store.create('deals', { dealname: 'Renewal (copy)' }, adminActor).id;
    let survivor = '';
    const events = await eventsOf(async () => {
      const [status, body] = await merge('deals', a, b);
      expect(status).toBe(200);
      survivor = String(body['id']);
    });
    expect([a, b]).not.toContain(survivor);
    for (const old of [a, b]) expect(await read('deals', old)).toMatchObject([200, { id: survivor }]);
    expect((await read('deals', survivor))[1]).toMatchObject({
      properties: { dealname: 'Renewal', hs_merged_object_ids: `${a};${b}` },
    });
    expect(events.map((e) => [e['subscriptionType'], e['objectId']])).toEqual([
      ['deal.deletion', Number(a)],
      ['deal.merge', Number(a)],
      ['deal.deletion', Number(b)],
    ]);
    expect(events[1]).toMatchObject({ primaryObjectId: Number(a), newObjectId: Number(survivor) });
  });

  it('lists ids absorbed by earlier merges, and old ids follow a second minted merge', async () => {
    const [a, b, c] = [contact('A', 'a@x.example'), contact('B', null), contact('C', null)];
    await merge('contacts', a, b);
    sb.portal.mergedIds.mintNewId.add('contacts');
    const survivor = String((await merge('contacts', c, a))[1]['id']);
    expect((await read('contacts', survivor))[1]).toMatchObject({
      properties: { hs_merged_object_ids: `${b};${c};${a}` },
    });
    for (const old of [a, b, c]) expect(await read('contacts', old)).toMatchObject([200, { id: survivor }]);
    const [, batch] = await call('POST', '/crm/objects/2026-03/contacts/batch/read', {
      inputs: [{ id: b }],
      properties: ['email'],
    });
    expect(batch['results']).toEqual([expect.objectContaining({ id: survivor })]);
  });
});
