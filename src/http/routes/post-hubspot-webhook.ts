import type { RequestHandler } from 'express';
import { checkHubspotWebhookBatch } from '../../../connectors/hubspot/check-webhook-batch.js';
import {
  HUBSPOT_MAX_SIGNATURE_AGE_MS,
  hubspotPublicUrl,
  verifyHubspotSignature,
} from '../../../connectors/hubspot/verify-signature.js';
import { ServiceUnavailableError, WebhookAuthError } from '../../core/errors/index.js';
import { redisFailureOf } from '../../queue/redis-errors.js';
import { rawBodyOf, webhookConnection } from './webhook-request.js';
import type { WebhookDeps } from './webhook-deps.js';

/**
 * POST /webhooks/hubspot/:connection — v3-signed batches of up to 100 events. Verifies the signature over
 * the raw bytes, checks the batch shape, appends the bytes to the connection's spool (one Redis command)
 * and answers 204. Per-event work happens in the ingest job; HubSpot is never called from here.
 */
export function postHubspotWebhook(deps: WebhookDeps): RequestHandler<{ connection: string }> {
  return async (req, res) => {
    const connection = webhookConnection(deps, req.params.connection, 'hubspot');
    if (connection.provider !== 'hubspot') return;
    if (connection.clientSecret === undefined || connection.clientSecret === '') {
      throw new WebhookAuthError(
        `connection ${connection.id} has no HubSpot client secret to verify webhooks with`,
      );
    }
    const url =
      deps.publicBaseUrl !== undefined
        ? hubspotPublicUrl(deps.publicBaseUrl, req.originalUrl)
        : `${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`;
    const rawBody = rawBodyOf(req);
    const signature = verifyHubspotSignature({
      method: req.method,
      url,
      rawBody,
      headers: req.headers,
      clientSecret: connection.clientSecret,
      now: deps.now(),
    });
    const batch = checkHubspotWebhookBatch(rawBody);
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
    const signatureHeader = req.get('x-hubspot-signature-v3');
    const replay =
      signature.version === 'v3' && signatureHeader !== undefined
        ? {
            requestKey: Buffer.from(signatureHeader, 'base64').toString('hex'),
            ttlMs: 2 * HUBSPOT_MAX_SIGNATURE_AGE_MS + 60_000,
          }
        : undefined;
    try {
      const appended = await deps.spool.append(connection.id, rawBody, replay);
      if (appended) await deps.scheduleIngest(connection.id);
      else deps.log.debug({ connection: connection.id }, 'replayed HubSpot request ignored');
    } catch (err) {
      const failure = redisFailureOf(err);
      deps.log.warn(
        { err, connection: connection.id, redisFailure: failure.kind },
        `webhook not recorded: ${failure.reason}`,
      );
      throw new ServiceUnavailableError('cannot record the changes right now; retry later', { cause: err });
    }
    res.status(204).end();
  };
}
