import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { EMBEDDED_HUBSPOT } from '../../src/embedded/start-embedded-stack.js';
import { UI_USER, duplicateFlags, settle, startTestStack, syncEverything } from './stack-helpers.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

interface Delivery {
  readonly path: string;
  readonly body: Buffer;
  readonly headers: Record<string, string>;
}

/** Stands where HubSpot's webhook URL points and keeps every delivery, answering 204 like we would. */
async function captureProxy(): Promise<{ url: string; deliveries: Delivery[] }> {
  const deliveries: Delivery[] = [];
  const app = express();
  app.post('/{*path}', express.raw({ type: () => true, limit: 10_000_000 }), (req, res) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string' && k.startsWith('x-hubspot')) headers[k] = v;
    deliveries.push({
      path: req.originalUrl,
      body: req.body as Buffer,
      headers: { ...headers, 'content-type': 'application/json' },
    });
    res.status(204).end();
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  stops.push(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, deliveries };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('webhooks into write-back', () => {
  it('writes each changed field exactly once when every webhook is delivered three times in any order', async () => {
    const proxy = await captureProxy();
    const { stack, stop } = await startTestStack({ env: { PUBLIC_BASE_URL: proxy.url } });
    stops.push(stop);
    await syncEverything(stack);
    stack.hubspot.webhooks.configure({
      url: `${proxy.url}/webhooks/hubspot/${EMBEDDED_HUBSPOT}`,
      enabled: true,
    });
    await stack.hubspot.webhooks.flush();
    proxy.deliveries.length = 0;

    const writes = new Map<string, number>();
    stack.hubspot.store.onChange((c) => {
      if (c.kind !== 'update' || c.actor.appId === undefined) return;
      for (const field of c.changed)
        writes.set(`${c.record.id}.${field}`, (writes.get(`${c.record.id}.${field}`) ?? 0) + 1);
    });
    const created = [
      stack.hubspot.store.create(
        'contacts',
        { firstname: 'Jon', lastname: 'Smith', email: 'JONATHAN.SMITH@acme.example', company: 'Acme Corp' },
        UI_USER,
      ),
      stack.hubspot.store.create(
        'contacts',
        { firstname: 'Grace', lastname: 'Hopper', email: 'grace.hopper@navy.example', company: 'US Navy' },
        UI_USER,
      ),
    ];
    await stack.hubspot.webhooks.flush();
    expect(proxy.deliveries.length).toBeGreaterThan(0);

    // Every delivery three times, shuffled, through the real intake.
    const all = shuffled([...proxy.deliveries, ...proxy.deliveries, ...proxy.deliveries], 7);
    for (const d of all) {
      const res = await fetch(`${stack.service.url ?? ''}${d.path}`, {
        method: 'POST',
        body: d.body,
        headers: d.headers,
      });
      expect(res.status).toBe(204);
    }
    await settle(stack);
    // Our own write-backs also fired webhooks (echoes): deliver those three times too.
    const echoes = proxy.deliveries.slice(all.length / 3);
    for (const d of shuffled([...echoes, ...echoes, ...echoes], 11)) {
      await fetch(`${stack.service.url ?? ''}${d.path}`, {
        method: 'POST',
        body: d.body,
        headers: d.headers,
      });
    }
    await settle(stack);

    const duplicate = created[0];
    expect(duplicate).toBeDefined();
    const fields = [
      'ps_duplicate_status',
      'ps_duplicate_of',
      'ps_duplicate_of_name',
      'ps_duplicate_likelihood',
      'ps_duplicate_reason',
      'ps_why_link',
    ];
    for (const field of fields) expect(writes.get(`${duplicate?.id ?? ''}.${field}`)).toBe(1);
    expect(stack.hubspot.store.get('contacts', duplicate?.id ?? '')?.fields['ps_duplicate_status']).toBe(
      'Duplicate',
    );
    for (const [key, count] of writes) expect(count, key).toBe(1);
  });

  it('converges to the same CRM state from the incremental sync alone when webhooks are off', async () => {
    const changes = (stack: Awaited<ReturnType<typeof startTestStack>>['stack']): void => {
      stack.hubspot.store.create(
        'contacts',
        { firstname: 'Jon', lastname: 'Smith', email: 'JONATHAN.SMITH@acme.example', company: 'Acme Corp' },
        UI_USER,
      );
      stack.salesforce.store.create(
        'Lead',
        {
          FirstName: 'Bob',
          LastName: 'Miller',
          Company: 'Globex, Inc.',
          Email: 'robert.miller+x@globex.example',
          Status: 'Open - Not Contacted',
        },
        UI_USER,
      );
    };
    const withWebhooks = await startTestStack();
    stops.push(withWebhooks.stop);
    await syncEverything(withWebhooks.stack);
    changes(withWebhooks.stack);
    await settle(withWebhooks.stack);

    const syncOnly = await startTestStack({ webhooks: false });
    stops.push(syncOnly.stop);
    await syncEverything(syncOnly.stack);
    changes(syncOnly.stack);
    // Listings end a little before "now" so a record committed this instant is never missed: let it age.
    await new Promise((r) => setTimeout(r, 2_100));
    await syncEverything(syncOnly.stack);

    const people = (s: typeof withWebhooks.stack) => ({
      salesforce: duplicateFlags(s.salesforce.store, ['Lead', 'Contact'], 'PS_'),
      hubspot: duplicateFlags(s.hubspot.store, ['contacts'], 'ps_'),
    });
    const expected = people(withWebhooks.stack);
    expect(Object.values(expected.hubspot).some((f) => f['ps_duplicate_status'] === 'Duplicate')).toBe(true);
    expect(people(syncOnly.stack)).toEqual(expected);
  });
});
