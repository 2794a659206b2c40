import { WebhookAuthError } from '../../src/core/errors/index.js';
import type { WebhookConnection } from '../webhook-connection.js';
import type { RawWebhook, ReplayKey, WebhookReceiver } from '../webhook-port.js';
import { checkHubspotWebhookBatch } from './check-webhook-batch.js';
import { HUBSPOT_MAX_SIGNATURE_AGE_MS, verifyHubspotSignature } from './verify-signature.js';

/**
 * `/webhooks/hubspot/:connection` — v3-signed batches of up to 100 events. Verifies the signature over
 * the raw bytes, checks the batch shape and portal, and asks for the bytes to be spooled: per-event
 * parsing happens in the ingest job (`parseHubspotEvents`), and HubSpot is never called here.
 */
export const hubspotWebhookReceiver: WebhookReceiver = {
  provider: 'hubspot',
  channel: '',
  intake(connection, request) {
    if (connection.provider !== 'hubspot') throw new Error('not a HubSpot connection');
    return Promise.resolve({
      kind: 'spool',
      replay: verifyDelivery(connection, request),
      reply: { status: 204 },
    });
  },
};

type HubspotConnection = Extract<WebhookConnection, { provider: 'hubspot' }>;

function verifyDelivery(connection: HubspotConnection, request: RawWebhook): ReplayKey | undefined {
  if (connection.clientSecret === undefined || connection.clientSecret === '') {
    throw new WebhookAuthError(
      `connection ${connection.id} has no HubSpot client secret to verify webhooks with`,
    );
  }
  const signature = verifyHubspotSignature({
    method: request.method,
    url: request.url,
    rawBody: request.rawBody,
    headers: request.headers,
    clientSecret: connection.clientSecret,
    now: request.now,
  });
  const batch = checkHubspotWebhookBatch(request.rawBody);
  const portalId = connection.portalId;
  if (portalId !== undefined) {
    for (const id of batch.portalIds) {
      if (id !== portalId)
        throw new WebhookAuthError(
          `delivery for portal ${id}, but connection ${connection.id} is portal ${portalId}`,
        );
    }
  }
  // A v3 signature is an HMAC over method, URL, body and timestamp and stays acceptable for ±5 minutes:
  // the same signed request re-sent in that time carries the same signature, so it names the request.
  // Such a replay is acknowledged but not spooled again (it is not new work).
  const header = request.headers['x-hubspot-signature-v3'];
  const signatureHeader = Array.isArray(header) ? header[0] : header;
  return signature.version === 'v3' && signatureHeader !== undefined
    ? {
        requestKey: Buffer.from(signatureHeader, 'base64').toString('hex'),
        ttlMs: 2 * HUBSPOT_MAX_SIGNATURE_AGE_MS + 60_000,
      }
    : undefined;
}
