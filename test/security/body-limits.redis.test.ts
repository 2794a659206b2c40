import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hubspotV3Headers, relayHeaders } from '../helpers/sign.js';
import { RELAY_SECRET } from '../helpers/webhook-app.js';
import { HUBSPOT_SECRET } from '../helpers/webhook-app.js';
import { PUBLIC, startSecurityApp, type SecurityApp } from './security-app.js';

const LIMIT = 64 * 1024;
let a: SecurityApp;
beforeEach(async () => {
  a = await startSecurityApp({ bodyLimitBytes: LIMIT });
});
afterEach(async () => {
  await a.close();
});

const big = `[${'"x",'.repeat(LIMIT / 4)}"x"]`;

async function expect413(res: Response): Promise<void> {
  expect(res.status).toBe(413);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  expect(await a.pending()).toEqual({ spool: 0, hubspotInbox: 0, salesforceInbox: 0 });
  expect(a.ingestCalls).toEqual([]);
}

describe('webhook body limits', () => {
  it('answers 413 JSON to an oversize, correctly signed HubSpot batch and records nothing', async () => {
    const path = '/webhooks/hubspot/hs-1';
    await expect413(
      await fetch(`${a.url}${path}`, {
        method: 'POST',
        body: big,
        headers: hubspotV3Headers(HUBSPOT_SECRET, `${PUBLIC}${path}`, big, a.now),
      }),
    );
  });

  it('answers 413 JSON to an oversize relay body and outbound message', async () => {
    await expect413(
      await fetch(`${a.url}/webhooks/salesforce/sf-1/events`, {
        method: 'POST',
        body: big,
        headers: relayHeaders(RELAY_SECRET, big, a.now),
      }),
    );
    await expect413(
      await fetch(`${a.url}/webhooks/salesforce/sf-1?token=${RELAY_SECRET}`, {
        method: 'POST',
        body: `<a>${'x'.repeat(LIMIT)}</a>`,
        headers: { 'content-type': 'text/xml' },
      }),
    );
  });

  it('answers 413 to a small gzip body that inflates past the limit (decompression bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(LIMIT * 64, 0x20));
    expect(bomb.length).toBeLessThan(LIMIT);
    await expect413(
      await fetch(`${a.url}/webhooks/hubspot/hs-1`, {
        method: 'POST',
        body: new Uint8Array(bomb),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      }),
    );
  });

  it('answers 413 without reading on when the declared length is over the limit', async () => {
    const res = await fetch(`${a.url}/webhooks/hubspot/hs-1`, {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
    });
    await expect413(res);
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
  });
});

describe('request logging', () => {
  it('never writes the outbound-message URL token into the access log', async () => {
    await fetch(`${a.url}/webhooks/salesforce/sf-1?token=${RELAY_SECRET}`, { method: 'POST', body: '<a/>' });
    await fetch(`${a.url}/webhooks/salesforce/sf-1?x=1&token=${RELAY_SECRET}`, {
      method: 'POST',
      body: '<a/>',
    });
    const text = a.logText();
    expect(text).toContain('/webhooks/salesforce/sf-1');
    expect(text).not.toContain(RELAY_SECRET);
  });
});
