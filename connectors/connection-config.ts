import { z } from 'zod';
import { HubspotChanges } from './hubspot/journal/changes-setting.js';
import { HUBSPOT_TIERS } from './rate-budget-presets.js';
import { PubSubEndpoint, SalesforceChanges } from './salesforce/pubsub/changes-config.js';

/** One CRM connection (a Salesforce org or a HubSpot portal), as the config file or env describes it. */

const Url = z.url();

/**
 * A secret that authenticates callers (webhook signing keys, relay and outbound-message tokens). An empty
 * or short one would let anyone sign requests, so the config is refused at boot instead.
 */
export const WEBHOOK_SECRET_MIN_LENGTH = 16;
const WebhookSecret = z.string().refine((s) => s.trim().length >= WEBHOOK_SECRET_MIN_LENGTH, {
  message: `must be at least ${WEBHOOK_SECRET_MIN_LENGTH} characters (not blank)`,
});
const DailyShare = z.number().gt(0).max(1).default(0.8);
/** Region (ISO 3166-1 alpha-2) in which duplicate detection reads phone numbers that carry no country. */
const DefaultCountry = z
  .string()
  .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as US or DE')
  .optional();

const Limits = z.object({
  dailyShare: DailyShare,
  warnAt: z.number().gt(0).max(1).default(0.9),
  dailyLimit: z.number().int().positive().optional(),
  burstPer10s: z.number().int().positive().optional(),
  perSecond: z.number().positive().optional(),
  timeoutMs: z.number().int().positive().default(30_000),
});

const SalesforceAuth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('access_token'), accessToken: z.string().min(1), instanceUrl: Url }),
  z.object({
    type: z.literal('refresh_token'),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1).optional(),
    refreshToken: z.string().min(1),
    accessToken: z.string().min(1).optional(),
    instanceUrl: Url.optional(),
  }),
  z.object({
    type: z.literal('jwt_bearer'),
    clientId: z.string().min(1),
    username: z.string().min(1),
    /** PEM-encoded RSA private key. */
    privateKey: z.string().min(1),
  }),
  z.object({
    type: z.literal('client_credentials'),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
  }),
]);
export type SalesforceAuth = z.infer<typeof SalesforceAuth>;

export const SalesforceConnectionConfig = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  provider: z.literal('salesforce'),
  auth: SalesforceAuth,
  loginUrl: Url.default('https://login.salesforce.com'),
  /** Overrides the instance URL the token endpoint returns (proxies, sandboxes). */
  instanceUrl: Url.optional(),
  apiVersion: z
    .string()
    .regex(/^\d+\.\d$/)
    .default('62.0'),
  webhook: z
    .object({ organizationId: z.string().min(15).optional(), sharedSecret: WebhookSecret.optional() })
    .default({}),
  limits: Limits.extend({ dailyLimit: z.number().int().positive().default(100_000) }).default({
    dailyShare: 0.8,
    warnAt: 0.9,
    dailyLimit: 100_000,
    timeoutMs: 30_000,
  }),
  /** How changes arrive: pubsub (default) | outbound | relay; see changes-config.ts. */
  changes: SalesforceChanges,
  pubsubEndpoint: PubSubEndpoint,
  /** Records above which reads/writes switch to Bulk API 2.0. */
  bulkThreshold: z.number().int().positive().default(5_000),
  mappingFile: z.string().optional(),
  /** Bearer token for this connection's /admin routes only (ADMIN_TOKEN reaches every connection). */
  adminToken: z.string().min(24).optional(),
  defaultCountry: DefaultCountry,
});
export type SalesforceConnectionConfig = z.infer<typeof SalesforceConnectionConfig>;

const HubspotAuth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('private_app'), accessToken: z.string().min(1) }),
  z.object({
    type: z.literal('oauth'),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    refreshToken: z.string().min(1),
    accessToken: z.string().min(1).optional(),
  }),
]);
export type HubspotAuth = z.infer<typeof HubspotAuth>;

export const HubspotConnectionConfig = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  provider: z.literal('hubspot'),
  auth: HubspotAuth,
  baseUrl: Url.default('https://api.hubapi.com'),
  portalId: z.number().int().positive().optional(),
  portalUtcOffsetMinutes: z.number().int().min(-720).max(840).default(0),
  tier: z.enum(HUBSPOT_TIERS).default('starter'),
  /** How changes arrive: `webhooks` (public URL) or `journal` (polled, no inbound URL). */
  changes: HubspotChanges,
  webhook: z
    .object({ clientSecret: WebhookSecret.optional(), appId: z.number().int().optional() })
    .default({}),
  limits: Limits.default({ dailyShare: 0.8, warnAt: 0.9, timeoutMs: 30_000 }),
  mappingFile: z.string().optional(),
  /** Bearer token for this connection's /admin routes only (ADMIN_TOKEN reaches every connection). */
  adminToken: z.string().min(24).optional(),
  defaultCountry: DefaultCountry,
});
export type HubspotConnectionConfig = z.infer<typeof HubspotConnectionConfig>;

export const ConnectionConfig = z.discriminatedUnion('provider', [
  SalesforceConnectionConfig,
  HubspotConnectionConfig,
]);
export type ConnectionConfig = z.infer<typeof ConnectionConfig>;
