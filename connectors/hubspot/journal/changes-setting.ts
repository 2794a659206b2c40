import { z } from 'zod';

/**
 * How a HubSpot connection hears of changes: signed webhooks to our public URL, or the webhooks journal
 * we poll (no inbound URL). Default `webhooks`.
 * https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide
 */
export const HUBSPOT_CHANGES = ['webhooks', 'journal'] as const;
export const HubspotChanges = z.enum(HUBSPOT_CHANGES).default('webhooks');

/**
 * Pure: what a `journal` connection lacks. The journal needs the app's client-credentials token, so
 * its client id and secret (auth type `oauth`); a private-app token cannot read it.
 */
export function hubspotChangesIssue(config: {
  readonly changes: (typeof HUBSPOT_CHANGES)[number];
  readonly auth: { readonly type: string };
}): string | undefined {
  if (config.changes !== 'journal' || config.auth.type === 'oauth') return undefined;
  return '"journal" reads with the app\'s client-credentials token: use auth type "oauth" (client id and secret)';
}
