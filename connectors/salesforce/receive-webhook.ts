import { WebhookAuthError } from '../../src/core/errors/index.js';
import { safeEqual } from '../safe-equal.js';
import type { WebhookConnection } from '../webhook-connection.js';
import type { WebhookReceiver } from '../webhook-port.js';
import { intakeSalesforceChangeEvents, intakeSalesforceOutboundMessage } from './webhook.js';

type SalesforceConnection = Extract<WebhookConnection, { provider: 'salesforce' }>;

function salesforceConnection(connection: WebhookConnection): SalesforceConnection {
  if (connection.provider !== 'salesforce') throw new Error('not a Salesforce connection');
  return connection;
}

/**
 * `/webhooks/salesforce/:connection` — workflow outbound messages (SOAP; no Apex needed). The org id
 * must match; outbound messages carry no signature, so when the connection has a shared secret the
 * endpoint URL configured in Salesforce must carry it as `?token=`. The Ack goes out only after every
 * usable notification is recorded.
 */
export const salesforceOutboundReceiver: WebhookReceiver = {
  provider: 'salesforce',
  channel: '',
  async intake(webhookConnection, request) {
    const connection = salesforceConnection(webhookConnection);
    if (connection.organizationId === undefined) {
      throw new WebhookAuthError(
        `connection ${connection.id} has no Salesforce org id to accept outbound messages for`,
      );
    }
    if (connection.sharedSecret === '') {
      throw new WebhookAuthError(`connection ${connection.id} has an empty shared secret`);
    }
    if (connection.sharedSecret !== undefined) {
      const token = typeof request.query['token'] === 'string' ? request.query['token'] : '';
      if (!safeEqual(token, connection.sharedSecret))
        throw new WebhookAuthError('missing or wrong ?token= on the outbound message URL');
    }
    const intake = await intakeSalesforceOutboundMessage({
      rawBody: request.rawBody,
      orgId: connection.organizationId,
      now: request.now,
    });
    const skipped = intake.message.skipped;
    return {
      kind: 'events',
      events: intake.events,
      reply: { contentType: 'text/xml', ...intake.reply },
      ...(skipped.length > 0
        ? {
            skipped: {
              note: 'outbound message: unusable notifications skipped; the incremental sync repairs what they named',
              items: skipped,
            },
          }
        : {}),
    };
  },
};

/** `/webhooks/salesforce/:connection/events` — Change Data Capture events relayed by a subscriber, HMAC-signed. */
export const salesforceChangeEventsReceiver: WebhookReceiver = {
  provider: 'salesforce',
  channel: 'events',
  intake(webhookConnection, request) {
    const connection = salesforceConnection(webhookConnection);
    if (connection.sharedSecret === undefined || connection.sharedSecret === '') {
      throw new WebhookAuthError(
        `connection ${connection.id} has no relay secret (SALESFORCE_WEBHOOK_SECRET)`,
      );
    }
    const intake = intakeSalesforceChangeEvents({
      rawBody: request.rawBody,
      headers: request.headers,
      secret: connection.sharedSecret,
      now: request.now,
    });
    return Promise.resolve({ kind: 'events', events: intake.events, reply: intake.reply });
  },
};
