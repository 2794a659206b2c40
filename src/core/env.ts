import { z } from 'zod';
import { ConfigError } from './errors/index.js';
import { crossFieldIssues } from './env-cross-field.js';
import { ClusterNodesText, NatMapText } from '../queue/redis-target.js';

/**
 * The only module that reads process.env, once, at startup. Every variable is documented with
 * `.describe()`; README's configuration table is checked against this schema by a test.
 */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const optionalUrl = z.url().optional();
/**
 * Links we write into CRM fields start with it: http(s), no query or fragment, short enough that a
 * record's signed link still fits a 255-character URL field.
 */
const PublicBaseUrl = z
  .url({ protocol: /^https?$/ })
  .max(100)
  .refine((v) => !v.includes('?') && !v.includes('#'), { message: 'no query or fragment' })
  .optional();
/** Unset or empty: no secret (the route it guards then refuses every request). Set: long enough to guess at. */
const optionalSecret = optionalText.refine((v) => v === undefined || v.length >= 16, {
  message: 'at least 16 characters when set',
});

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development').describe('Runtime mode.'),
  HOST: z
    .string()
    .default('127.0.0.1')
    .describe('Interface the HTTP server binds (the Docker image sets 0.0.0.0).'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port.'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level.'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379').describe('Redis for queues, state and rate budgets.'),
  REDIS_CLUSTER_NODES: ClusterNodesText.optional().describe(
    'Redis Cluster seed nodes, host:port[,host:port…]; when set, every role uses a cluster client and REDIS_URL is not used.',
  ),
  REDIS_CLUSTER_USERNAME: optionalText.describe('Redis Cluster ACL user (managed clusters).'),
  REDIS_CLUSTER_PASSWORD: optionalText.describe('Redis Cluster password or ACL user password.'),
  REDIS_CLUSTER_TLS: z
    .stringbool()
    .default(false)
    .describe('Connect to every cluster node over TLS (most managed clusters).'),
  REDIS_CLUSTER_NAT_MAP: NatMapText.optional().describe(
    'Announced node address → reachable address, a:port=b:port[,…], when the cluster announces addresses this process cannot reach.',
  ),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'lowercase letters, digits and dashes')
    .default('ps')
    .describe('First part of every Redis key; the hash tag after it is the connection id (docs/design.md).'),
  REDIS_AUTOSTART: z
    .stringbool()
    .default(true)
    .describe(
      'Outside production: start a private redis-server on a free loopback port when REDIS_URL does not answer.',
    ),
  ADMIN_TOKEN: z
    .string()
    .min(24, 'at least 24 characters')
    .optional()
    .describe('Bearer token for /admin (all connections).'),
  PUBLIC_BASE_URL: PublicBaseUrl.describe(
    'Public URL of this service as the CRMs call it (HubSpot signs it) and reps open "Why?" links under.',
  ),
  CONNECTIONS_FILE: optionalText.describe('Path to a YAML/JSON file of connections (several orgs/portals).'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1_048_576)
    .describe('Largest accepted request body.'),
  WORKER_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(256)
    .default(4)
    .describe('Jobs run at once per queue, connection and process.'),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(25_000)
    .describe('How long SIGTERM waits for in-flight jobs before forcing.'),
  INGEST_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(250)
    .describe('Webhook changes to one connection within this window are read from the CRM together.'),
  WRITE_BACK_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(250)
    .describe('Write-back requests within this window are sent in the same batches.'),
  SYNC_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(300_000)
    .describe('Incremental sync period per connection and object type (the safety net); 0 turns it off.'),
  HUBSPOT_ACCESS_TOKEN: optionalText.describe('HubSpot private-app token (or OAuth access token).'),
  HUBSPOT_CLIENT_ID: optionalText.describe('HubSpot OAuth client id (refresh flow).'),
  HUBSPOT_CLIENT_SECRET: optionalSecret.describe(
    'HubSpot app client secret: verifies webhook signatures; OAuth refresh.',
  ),
  HUBSPOT_REFRESH_TOKEN: optionalText.describe('HubSpot OAuth refresh token.'),
  HUBSPOT_APP_ID: optionalText.describe('Our HubSpot app id, to skip our own changes arriving as webhooks.'),
  HUBSPOT_PORTAL_ID: optionalText.describe('Expected HubSpot portal id of webhook deliveries.'),
  HUBSPOT_CHANGES: z
    .enum(['webhooks', 'journal'])
    .default('webhooks')
    .describe(
      'How HubSpot changes arrive: signed webhooks to a public URL, or the webhooks journal polled (no inbound URL).',
    ),
  HUBSPOT_JOURNAL_POLL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(1_000)
    .describe('Wait between HubSpot journal reads once caught up.'),
  HUBSPOT_BASE_URL: z
    .url()
    .default('https://api.hubapi.com')
    .describe('HubSpot API base URL (sandbox or proxy).'),
  HUBSPOT_TIER: z
    .enum(['free', 'starter', 'professional', 'enterprise'])
    .default('professional')
    .describe('Sets the default rate budget (100 or 190 requests / 10 s).'),
  SALESFORCE_LOGIN_URL: z
    .url()
    .default('https://login.salesforce.com')
    .describe('Salesforce login/token URL (test.salesforce.com for sandboxes).'),
  SALESFORCE_INSTANCE_URL: optionalUrl.describe(
    'Salesforce instance URL, e.g. https://acme.my.salesforce.com.',
  ),
  SALESFORCE_ACCESS_TOKEN: optionalText.describe('Salesforce access token (with SALESFORCE_INSTANCE_URL).'),
  SALESFORCE_CLIENT_ID: optionalText.describe(
    'Connected app consumer key (refresh, JWT, client credentials).',
  ),
  SALESFORCE_CLIENT_SECRET: optionalText.describe('Connected app consumer secret.'),
  SALESFORCE_REFRESH_TOKEN: optionalText.describe('OAuth refresh token.'),
  SALESFORCE_USERNAME: optionalText.describe('Integration user for the JWT bearer flow.'),
  SALESFORCE_PRIVATE_KEY_FILE: optionalText.describe('PEM key for the JWT bearer flow.'),
  SALESFORCE_API_VERSION: z
    .string()
    .regex(/^\d{2}\.0$/, 'like 62.0')
    .default('62.0')
    .describe('Salesforce REST API version.'),
  SALESFORCE_ORG_ID: optionalText.describe('Org id that outbound messages must carry.'),
  SALESFORCE_WEBHOOK_SECRET: optionalSecret.describe('HMAC secret of the Change Data Capture relay route.'),
  SALESFORCE_CHANGES: z
    .enum(['pubsub', 'outbound', 'relay'])
    .default('pubsub')
    .describe('How Salesforce changes arrive: pubsub (we subscribe; no public URL), outbound, relay.'),
  SALESFORCE_PUBSUB_ENDPOINT: z
    .string()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port')
    .default('api.pubsub.salesforce.com:7443')
    .describe('Pub/Sub API endpoint (host:port) for SALESFORCE_CHANGES=pubsub.'),
  WHY_LINK_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,16}$/, '1–16 letters, digits, _ or -')
    .default('1')
    .describe('Id of WHY_LINK_SECRET, carried in every "Why?" link; change it with the secret to rotate.'),
  WHY_LINK_SECRET: optionalText
    .refine((v) => v === undefined || v.length >= 32, { message: 'at least 32 characters when set' })
    .describe(
      'HMAC-SHA256 key that signs "Why?" links (needs PUBLIC_BASE_URL); unset: no links are written. Rotating it revokes every older link.',
    ),
});

export type Env = z.infer<typeof EnvSchema>;

/**
 * The variables this process was started with. Every other module receives them from here or as a
 * parameter, so tests and the embedded stack can pass their own without touching the process.
 */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

/** The service configuration from the process environment; throws like `parseEnv`. */
export function loadEnv(): Env {
  return parseEnv(processEnv());
}

/**
 * PARTNERSYNC_CLI_RETRY_BASE_MS: a shorter first backoff for the setup commands' retries, so tests of
 * a retried CRM call run in milliseconds. Not part of the service configuration (absent from the
 * README table); anything but a positive number means "use the connector's default".
 */
export function cliRetryBaseMs(
  source: Readonly<Record<string, string | undefined>> = processEnv(),
): number | null {
  const base = Number(source['PARTNERSYNC_CLI_RETRY_BASE_MS']);
  return Number.isFinite(base) && base > 0 ? base : null;
}

/** Parses the given variables (process.env at boot); throws one ConfigError naming every bad variable. */
export function parseEnv(source: Readonly<Record<string, string | undefined>>): Env {
  const result = EnvSchema.safeParse(source);
  const typeIssues = result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const bad = new Set(typeIssues.map((i) => i.path));
  const values: Partial<Record<keyof Env, unknown>> = result.success ? result.data : source;
  const issues = [...typeIssues, ...crossFieldIssues(values).filter((i) => !bad.has(i.path))];
  if (result.success && issues.length === 0) return result.data;
  const lines = issues.map((i) => `  ${i.path}: ${i.message}`);
  throw new ConfigError(
    `invalid environment (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    {
      issues,
    },
  );
}
