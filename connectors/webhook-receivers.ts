import { hubspotWebhookReceiver } from './hubspot/receive-webhook.js';
import { parseHubspotEvents } from './hubspot/webhook.js';
import type { CrmProvider } from './port.js';
import { salesforceChangeEventsReceiver, salesforceOutboundReceiver } from './salesforce/receive-webhook.js';
import type { SpooledWebhookParser, WebhookReceiver } from './webhook-port.js';

/** Every webhook endpoint of every provider; the HTTP layer mounts each one the same way. */
export const WEBHOOK_RECEIVERS: readonly WebhookReceiver[] = [
  hubspotWebhookReceiver,
  salesforceOutboundReceiver,
  salesforceChangeEventsReceiver,
];

const SPOOLED: Partial<Record<CrmProvider, SpooledWebhookParser>> = { hubspot: parseHubspotEvents };

/** The parser of a provider whose deliveries are spooled raw at intake; undefined when none are. */
export function spooledWebhookParser(provider: CrmProvider): SpooledWebhookParser | undefined {
  return SPOOLED[provider];
}
