import { z } from 'zod';

/**
 * How a Salesforce connection hears about changes:
 * - `pubsub`: we subscribe to Change Data Capture over the Pub/Sub API (outbound gRPC; no public URL);
 * - `outbound`: the org sends workflow/Flow outbound messages to `/webhooks/salesforce/:connection`;
 * - `relay`: the customer's own CDC subscriber relays events, signed, to `…/:connection/events`.
 * The periodic incremental sync runs in every mode.
 */
export const SALESFORCE_CHANGE_MODES = ['pubsub', 'outbound', 'relay'] as const;
export type SalesforceChangeMode = (typeof SALESFORCE_CHANGE_MODES)[number];

/** Salesforce's Pub/Sub API endpoint (https://developer.salesforce.com/docs/platform/pub-sub-api/guide/pub-sub-endpoints.html). */
export const DEFAULT_PUBSUB_ENDPOINT = 'api.pubsub.salesforce.com:7443';

export const SalesforceChanges = z.enum(SALESFORCE_CHANGE_MODES).default('pubsub');

/** host:port of the Pub/Sub API (a loopback address is the local sandbox). */
export const PubSubEndpoint = z
  .string()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port')
  .default(DEFAULT_PUBSUB_ENDPOINT);
