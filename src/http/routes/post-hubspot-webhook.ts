import type { RequestHandler } from 'express';
import { hubspotPublicUrl } from '../../../connectors/hubspot/verify-signature.js';
import { intakeHubspotWebhook } from '../../../connectors/hubspot/webhook.js';
import { WebhookAuthError } from '../../core/errors/index.js';
import { enqueueChanges } from './enqueue-changes.js';
import { rawBodyOf, webhookConnection } from './webhook-request.js';
import type { WebhookDeps } from './webhook-deps.js';

/** POST /webhooks/hubspot/:connection — v3-signed batches of up to 100 events. Never calls HubSpot. */
export function postHubspotWebhook(deps: WebhookDeps): RequestHandler<{ connection: string }> {
  return async (req, res) => {
    const connection = webhookConnection(deps, req.params.connection, 'hubspot');
    if (connection.provider !== 'hubspot') return;
    if (connection.clientSecret === undefined) {
      throw new WebhookAuthError(
        `connection ${connection.id} has no HubSpot client secret to verify webhooks with`,
      );
    }
    const url =
      deps.publicBaseUrl !== undefined
        ? hubspotPublicUrl(deps.publicBaseUrl, req.originalUrl)
        : `${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`;
    const intake = intakeHubspotWebhook({
      method: req.method,
      url,
      rawBody: rawBodyOf(req),
      headers: req.headers,
      clientSecret: connection.clientSecret,
      now: deps.now(),
    });
    const portalId = connection.portalId;
    const foreign = portalId === undefined ? undefined : intake.events.find((e) => e.portalId !== portalId);
    if (foreign !== undefined) {
      throw new WebhookAuthError(
        `delivery for portal ${foreign.portalId}, but connection ${connection.id} is portal ${String(portalId)}`,
      );
    }
    await enqueueChanges(deps, connection, intake.events);
    res.status(intake.reply.status).end();
  };
}
