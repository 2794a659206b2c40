import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HS_PORTAL_ID } from '../../connectors/sandbox/hubspot/portal.js';
import { createLogger } from '../../src/core/logger.js';
import { EMBEDDED_HUBSPOT, type EmbeddedStack } from '../../src/embedded/start-embedded-stack.js';
import { waitUntilIdle } from '../../src/embedded/wait-until-idle.js';
import { startTestStack, syncEverything } from '../pipeline/stack-helpers.js';

const ADMIN_TOKEN = 'security-suite-admin-token-0123456789abcdef';
const WRONG_TOKEN = 'security-suite-wrong-token-0123456789abcdef';

let stack: EmbeddedStack;
let stop: () => Promise<void>;
const lines: string[] = [];
const signatures: string[] = [];

beforeAll(async () => {
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  });
  const started = await startTestStack({ log, env: { ADMIN_TOKEN, LOG_LEVEL: 'debug' } });
  stack = started.stack;
  stop = started.stop;
}, 60_000);
afterAll(async () => {
  await stop();
});

async function hubspotDelivery(url: string, body: string, secret: string): Promise<Response> {
  const timestamp = String(Date.now());
  const signature = createHmac('sha256', secret).update(`POST${url}${body}${timestamp}`).digest('base64');
  signatures.push(signature);
  return fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    },
  });
}

describe('secrets in logs across a full pipeline run', () => {
  it('logs no token, secret, signature or admin token at debug level', async () => {
    const base = stack.service.url ?? '';
    // A sync of every object type of both CRMs: reads, decisions, write-back.
    await syncEverything(stack, 45_000);
    // A signed webhook delivery, and one with a wrong signature.
    const url = `${base}/webhooks/hubspot/${EMBEDDED_HUBSPOT}`;
    const body = JSON.stringify([
      {
        eventId: 1,
        subscriptionId: 1,
        portalId: HS_PORTAL_ID,
        appId: 1,
        occurredAt: Date.now(),
        subscriptionType: 'contact.propertyChange',
        attemptNumber: 0,
        objectId: 1,
        propertyName: 'email',
        propertyValue: 'x@example.com',
        changeSource: 'CRM_UI',
      },
    ]);
    expect((await hubspotDelivery(url, body, stack.hubspot.credentials.clientSecret)).status).toBe(204);
    expect((await hubspotDelivery(url, body, 'not-the-secret')).status).toBe(401);
    // Admin calls with the right and a wrong token.
    expect(
      (await fetch(`${base}/admin/connections`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }))
        .status,
    ).toBe(200);
    expect(
      (await fetch(`${base}/admin/connections`, { headers: { authorization: `Bearer ${WRONG_TOKEN}` } }))
        .status,
    ).toBe(401);
    // Every HubSpot token expires: the next calls get 401s and the connection's jobs fail with CRM errors.
    stack.hubspot.auth.expireAll();
    await stack.service.deps.scheduler.syncNow(EMBEDDED_HUBSPOT, 'contacts');
    await waitUntilIdle(stack.service.deps, 30_000).catch(() => undefined);

    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(20);
    expect(text).toMatch(/"level":"(debug|warn|error)"/);
    expect(text).toMatch(/401|auth/i);
    const secrets = [
      ADMIN_TOKEN,
      WRONG_TOKEN,
      ...signatures,
      stack.salesforce.credentials.accessToken,
      stack.salesforce.credentials.clientSecret,
      stack.salesforce.credentials.refreshToken,
      stack.hubspot.credentials.accessToken,
      stack.hubspot.credentials.clientSecret,
      stack.hubspot.credentials.refreshToken,
      ...stack.connections.flatMap((c) =>
        c.auth.type === 'private_app' || c.auth.type === 'access_token' ? [c.auth.accessToken] : [],
      ),
    ].filter((s) => s.length >= 8);
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    for (const secret of secrets)
      expect(text, `a log line contains ${secret.slice(0, 4)}…`).not.toContain(secret);
  }, 120_000);
});
