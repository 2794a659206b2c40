import type { HubspotChangeEvent } from '../webhook-change-event.js';

/**
 * True when the change was made through our own app, so syncing it back would echo our write.
 * The event's `appId` names the app the webhook is delivered to (always ours); the writer is
 * `changeSource: 'INTEGRATION'` with `sourceId` = the writing app's id.
 */
// https://developers.hubspot.com/docs/api/webhooks (changeSource, sourceId)
export function isOwnHubspotChange(
  event: Pick<HubspotChangeEvent, 'changeSource' | 'sourceId'>,
  options: { readonly appId: string | number },
): boolean {
  if (event.changeSource !== 'INTEGRATION' || event.sourceId === undefined) return false;
  const appId = String(options.appId);
  // Seen as the bare id; `appId:<id>` mirrors the `userId:<id>` form used for CRM_UI changes.
  return event.sourceId === appId || event.sourceId === `appId:${appId}`;
}
