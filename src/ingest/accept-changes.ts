import type { CrmChangeEvent } from '../../connectors/webhook-change-event.js';
import { isOwnHubspotChange } from '../../connectors/hubspot/is-own-hubspot-change.js';
import { isOwnSalesforceChange } from '../../connectors/salesforce/is-own-salesforce-change.js';
import type { ChangeInbox } from '../store/change-inbox.js';
import { changeTargets } from './change-targets.js';
import type { WebhookConnection } from '../../connectors/webhook-connection.js';

export interface AcceptedChanges {
  readonly received: number;
  readonly echoes: number;
  readonly accepted: number;
  readonly duplicates: number;
  /** Salesforce wildcard events: a whole object type changed, so its incremental sync should run now. */
  readonly resyncObjectTypes: readonly string[];
}

export function isEcho(event: CrmChangeEvent, connection: WebhookConnection): boolean {
  if (event.provider === 'hubspot' && connection.provider === 'hubspot') {
    return connection.appId !== undefined && isOwnHubspotChange(event, { appId: connection.appId });
  }
  if (event.provider === 'salesforce' && connection.provider === 'salesforce') {
    return isOwnSalesforceChange(event, {
      ...(connection.clientId !== undefined ? { clientId: connection.clientId } : {}),
      ...(connection.integrationUserId !== undefined
        ? { integrationUserId: connection.integrationUserId }
        : {}),
    });
  }
  return false;
}

/** Drops our own writes, records the rest in the connection's inbox (deduplicated), one Redis call. */
export async function acceptChanges(
  inbox: ChangeInbox,
  connection: WebhookConnection,
  events: readonly CrmChangeEvent[],
): Promise<AcceptedChanges> {
  const own = events.filter((e) => isEcho(e, connection));
  const foreign = events.filter((e) => !isEcho(e, connection));
  const wildcard = foreign.filter((e) => e.provider === 'salesforce' && e.wildcard);
  const targets = changeTargets(foreign.filter((e) => !(e.provider === 'salesforce' && e.wildcard)));
  const accepted = await inbox.record(connection.id, targets);
  return {
    received: events.length,
    echoes: own.length,
    accepted,
    duplicates: targets.length - accepted,
    resyncObjectTypes: [...new Set(wildcard.map((e) => e.objectType))],
  };
}
