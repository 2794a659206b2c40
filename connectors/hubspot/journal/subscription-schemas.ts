import { z } from 'zod';

// https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide#authentication-and-scopes
export const SUBSCRIPTIONS_READ_SCOPE = 'developer.webhooks_journal.subscriptions.read';
export const SUBSCRIPTIONS_WRITE_SCOPE = 'developer.webhooks_journal.subscriptions.write';
export const SUBSCRIPTIONS_PATH = '/webhooks-journal/subscriptions/2026-03';

/** The actions of an OBJECT subscription partnersync uses (the spec lists more: SNAPSHOT, APP_INSTALL, …). */
export type SubscriptionAction =
  'CREATE' | 'UPDATE' | 'DELETE' | 'MERGE' | 'RESTORE' | 'ASSOCIATION_ADDED' | 'ASSOCIATION_REMOVED';

/**
 * `SubscriptionResponse` (spec 2026-03), the fields we read; others pass through. `subscriptionType`
 * and `actions` stay strings so a value added by HubSpot does not break the listing.
 * https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/subscriptions/get-subscriptions
 */
export const SubscriptionResponse = z.looseObject({
  id: z.number().int(),
  appId: z.number().int(),
  subscriptionType: z.string(),
  objectTypeId: z.string().optional(),
  portalId: z.number().int().optional(),
  actions: z.array(z.string()),
  properties: z.array(z.string()).optional(),
  objectIds: z.array(z.number()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SubscriptionResponse = z.infer<typeof SubscriptionResponse>;

export const SubscriptionList = z.object({ results: z.array(SubscriptionResponse) });

/** `SubscriptionUpsertRequest` for one object type: every field is listed as required. */
export interface SubscriptionUpsert {
  readonly subscriptionType: 'OBJECT';
  readonly portalId: number;
  readonly objectTypeId: string;
  readonly actions: readonly SubscriptionAction[];
  readonly objectIds: readonly number[];
  readonly properties: readonly string[];
}
