import type { RequestHandler } from 'express';
import { safeEqual } from '../../../connectors/safe-equal.js';
import {
  intakeSalesforceChangeEvents,
  intakeSalesforceOutboundMessage,
} from '../../../connectors/salesforce/webhook.js';
import { WebhookAuthError } from '../../core/errors/index.js';
import { enqueueChanges } from './enqueue-changes.js';
import { rawBodyOf, webhookConnection } from './webhook-request.js';
import type { WebhookDeps } from './webhook-deps.js';

/**
 * POST /webhooks/salesforce/:connection — workflow outbound messages (SOAP; no Apex needed). The org id
 * must match; outbound messages carry no signature, so when the connection has a shared secret the
 * endpoint URL configured in Salesforce must carry it as `?token=`.
 */
export function postSalesforceOutboundMessage(deps: WebhookDeps): RequestHandler<{ connection: string }> {
  return async (req, res) => {
    const connection = webhookConnection(deps, req.params.connection, 'salesforce');
    if (connection.provider !== 'salesforce') return;
    if (connection.organizationId === undefined) {
      throw new WebhookAuthError(
        `connection ${connection.id} has no Salesforce org id to accept outbound messages for`,
      );
    }
    if (connection.sharedSecret === '') {
      throw new WebhookAuthError(`connection ${connection.id} has an empty shared secret`);
    }
    if (connection.sharedSecret !== undefined) {
      const token = typeof req.query['token'] === 'string' ? req.query['token'] : '';
      if (!safeEqual(token, connection.sharedSecret))
        throw new WebhookAuthError('missing or wrong ?token= on the outbound message URL');
    }
    const intake = await intakeSalesforceOutboundMessage({
      rawBody: rawBodyOf(req),
      orgId: connection.organizationId,
      now: deps.now(),
    });
    if (intake.message.skipped.length > 0) {
      deps.log.warn(
        { connection: connection.id, skipped: intake.message.skipped },
        'outbound message: unusable notifications skipped; the incremental sync repairs what they named',
      );
    }
    // The Ack goes out only after every usable notification is recorded (one atomic inbox write).
    await enqueueChanges(deps, connection, intake.events);
    res
      .status(intake.reply.status)
      .type(intake.reply.contentType ?? 'text/xml')
      .send(intake.reply.body);
  };
}

/** POST /webhooks/salesforce/:connection/events — Change Data Capture events relayed by a subscriber, HMAC-signed. */
export function postSalesforceChangeEvents(deps: WebhookDeps): RequestHandler<{ connection: string }> {
  return async (req, res) => {
    const connection = webhookConnection(deps, req.params.connection, 'salesforce');
    if (connection.provider !== 'salesforce') return;
    if (connection.sharedSecret === undefined || connection.sharedSecret === '') {
      throw new WebhookAuthError(
        `connection ${connection.id} has no relay secret (SALESFORCE_WEBHOOK_SECRET)`,
      );
    }
    const intake = intakeSalesforceChangeEvents({
      rawBody: rawBodyOf(req),
      headers: req.headers,
      secret: connection.sharedSecret,
      now: deps.now(),
    });
    await enqueueChanges(deps, connection, intake.events);
    res.status(intake.reply.status).end();
  };
}
