import { isOwnHubspotChange } from './hubspot/is-own-hubspot-change.js';
import { isOwnSalesforceChange } from './salesforce/is-own-salesforce-change.js';
import type { CrmChangeEvent } from './webhook-change-event.js';
import type { WebhookConnection } from './webhook-connection.js';

/**
 * Whether a change notification reports one of our own writes, by the marks each CRM puts on it: the
 * HubSpot app that made the change, the Salesforce integration user or `client=` call option. An event
 * of the other provider than the connection's is never ours.
 */
export function isOwnChange(event: CrmChangeEvent, connection: WebhookConnection): boolean {
  if (event.provider === 'hubspot' && connection.provider === 'hubspot')
    return connection.appId !== undefined && isOwnHubspotChange(event, { appId: connection.appId });
  if (event.provider === 'salesforce' && connection.provider === 'salesforce')
    return isOwnSalesforceChange(event, {
      ...(connection.clientId !== undefined ? { clientId: connection.clientId } : {}),
      ...(connection.integrationUserId !== undefined
        ? { integrationUserId: connection.integrationUserId }
        : {}),
    });
  return false;
}

/** A notification that names many records of a type at once (Salesforce CDC record ids like `001*`). */
export const isWholeTypeChange = (event: CrmChangeEvent): boolean =>
  event.provider === 'salesforce' && event.wildcard;
