import type { ConnectionConfig } from '../../connectors/connection-config.js';
import { hubspotDefaultSchema } from '../../connectors/hubspot/default-schema.js';
import type { ProvisionReport } from '../../connectors/port.js';
import { salesforceDefaultSchema } from '../../connectors/salesforce/default-schema.js';
import { DEFAULT_PUBSUB_ENDPOINT } from '../../connectors/salesforce/pubsub/changes-config.js';
import { SF_ORG_ID } from '../../connectors/sandbox/salesforce/org.js';
import { HS_PORTAL_ID } from '../../connectors/sandbox/hubspot/portal.js';
import {
  startHubspotSandbox,
  startSalesforceSandbox,
  type HubspotSandbox,
  type HubspotSandboxOptions,
  type SalesforceSandbox,
  type SalesforceSandboxOptions,
} from '../../connectors/sandbox/start-sandboxes.js';
import { allJobs } from '../../jobs/index.js';
import { parseEnv, processEnv } from '../core/env.js';
import type { Logger } from '../core/logger.js';
import { requireConnection } from '../queue/pipeline-deps.js';
import { journalSubscriptionItems } from '../admin/journal-subscription-items.js';
import { startService, type RunningService } from '../service.js';
import { whyLinkEnv } from './why-link-env.js';

export const EMBEDDED_SALESFORCE = 'sandbox-salesforce';
export const EMBEDDED_HUBSPOT = 'sandbox-hubspot';

export interface EmbeddedStackOptions {
  readonly log: Logger;
  /** Extra env for the service (REDIS_URL, REDIS_PREFIX, windows…); PORT defaults to 0. */
  readonly env?: Readonly<Record<string, string>>;
  readonly seed?: boolean;
  /** Sandbox webhooks on (default) or off (the incremental sync alone must converge). */
  readonly webhooks?: boolean;
  /** How Salesforce changes reach the service: Pub/Sub (default) or outbound messages. */
  readonly salesforceChanges?: 'pubsub' | 'outbound';
  readonly salesforce?: SalesforceSandboxOptions;
  readonly hubspot?: HubspotSandboxOptions;
  /** How HubSpot changes reach the service: webhooks (default) or the webhooks journal it polls. */
  readonly hubspotChanges?: 'webhooks' | 'journal';
  /** HubSpot budget for a sandbox enforcing another burst limit. */
  readonly hubspotBurstPer10s?: number;
  /** The HubSpot portal's tier: sets both the sandbox's enforced limit and our budget (default starter, 100 / 10 s). */
  readonly hubspotTier?: 'starter' | 'professional';
  /** Per-connection admin tokens (the admin API and console scope them to their connection). */
  readonly adminTokens?: { readonly salesforce?: string; readonly hubspot?: string };
}

export interface EmbeddedStack {
  readonly service: RunningService;
  readonly salesforce: SalesforceSandbox;
  readonly hubspot: HubspotSandbox;
  readonly connections: readonly ConnectionConfig[];
  readonly provisioning: readonly ProvisionReport[];
  close(): Promise<void>;
}

/** Connection configs that point the real connectors at the local sandboxes. */
export function sandboxConnections(
  salesforce: SalesforceSandbox,
  hubspot: HubspotSandbox,
  options: {
    hubspotBurstPer10s?: number;
    hubspotTier?: 'starter' | 'professional';
    adminTokens?: { readonly salesforce?: string; readonly hubspot?: string };
    hubspotChanges?: 'webhooks' | 'journal';
  } = {},
): ConnectionConfig[] {
  const journal = options.hubspotChanges === 'journal';
  const c = hubspot.credentials;
  const sfToken = options.adminTokens?.salesforce;
  const hsToken = options.adminTokens?.hubspot;
  return [
    {
      id: EMBEDDED_SALESFORCE,
      provider: 'salesforce',
      auth: {
        type: 'access_token',
        accessToken: salesforce.credentials.accessToken,
        instanceUrl: salesforce.url,
      },
      loginUrl: salesforce.url,
      apiVersion: '62.0',
      webhook: { organizationId: SF_ORG_ID },
      // Changes over the sandbox's Pub/Sub API when it serves one, else its outbound messages.
      changes: salesforce.pubsub === undefined ? 'outbound' : 'pubsub',
      pubsubEndpoint: salesforce.pubsub?.endpoint ?? DEFAULT_PUBSUB_ENDPOINT,
      limits: { dailyShare: 0.8, warnAt: 0.9, dailyLimit: 100_000, timeoutMs: 10_000 },
      bulkThreshold: 5_000,
      ...(sfToken === undefined ? {} : { adminToken: sfToken }),
    },
    {
      id: EMBEDDED_HUBSPOT,
      provider: 'hubspot',
      // The journal is read with the app's client-credentials token: the app's id and secret.
      auth: journal
        ? { type: 'oauth', clientId: c.clientId, clientSecret: c.clientSecret, refreshToken: c.refreshToken }
        : { type: 'private_app', accessToken: c.accessToken },
      baseUrl: hubspot.url,
      portalId: HS_PORTAL_ID,
      portalUtcOffsetMinutes: 0,
      tier: options.hubspotTier ?? 'starter',
      changes: journal ? 'journal' : 'webhooks',
      ...(hsToken === undefined ? {} : { adminToken: hsToken }),
      webhook: { clientSecret: hubspot.credentials.clientSecret, appId: hubspot.credentials.appId },
      limits: {
        dailyShare: 0.8,
        warnAt: 0.9,
        timeoutMs: 10_000,
        ...(options.hubspotBurstPer10s !== undefined ? { burstPer10s: options.hubspotBurstPer10s } : {}),
      },
    },
  ];
}

/**
 * The embedded default: both CRM sandboxes (seeded), the service (HTTP + workers) connected to them,
 * our fields and objects provisioned, and the sandboxes' webhooks pointed at our intake.
 */
export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const salesforce = await startSalesforceSandbox({
    // Outbound messages are configured per object in Salesforce; these are the objects our mapping reads.
    webhook: {
      objects: ['Lead', 'Contact', 'Account', 'Opportunity', 'OpportunityPartner', 'PS_Deal_Registration__c'],
    },
    // Keepalives every second (Salesforce: within 270 s) so an idle stream commits the tip quickly.
    ...((options.salesforceChanges ?? 'pubsub') === 'pubsub' ? { pubsub: { keepaliveMs: 1000 } } : {}),
    ...options.salesforce,
    seed: options.seed ?? true,
  });
  const hubspot = await startHubspotSandbox({
    ...(options.hubspotTier === 'professional' ? { rateLimits: { tenSecondly: 190 } } : {}),
    ...options.hubspot,
    seed: options.seed ?? true,
  });
  const connections = sandboxConnections(salesforce, hubspot, {
    ...(options.hubspotBurstPer10s !== undefined ? { hubspotBurstPer10s: options.hubspotBurstPer10s } : {}),
    ...(options.hubspotTier !== undefined ? { hubspotTier: options.hubspotTier } : {}),
    ...(options.adminTokens !== undefined ? { adminTokens: options.adminTokens } : {}),
    ...(options.hubspotChanges !== undefined ? { hubspotChanges: options.hubspotChanges } : {}),
  });
  const vars = { PORT: '0', SYNC_INTERVAL_MS: '0', ...processEnv(), ...options.env };
  const env = parseEnv({ ...vars, ...(await whyLinkEnv(vars)) });
  let service: RunningService;
  try {
    service = await startService({ env, log: options.log, mode: 'all', connections, jobs: allJobs });
  } catch (err) {
    await Promise.all([salesforce.close(), hubspot.close()]);
    throw err;
  }
  const signal = AbortSignal.timeout(60_000);
  const provisioning = [
    await requireConnection(service.deps, EMBEDDED_SALESFORCE).connector.ensureSchema(
      salesforceDefaultSchema(false),
      { signal },
    ),
    await requireConnection(service.deps, EMBEDDED_HUBSPOT).connector.ensureSchema(
      hubspotDefaultSchema(false),
      { signal },
    ),
  ];
  // Journal mode: the journal holds only subscribed changes, so subscribe as `provision` does.
  const hsConfig = connections.find((c) => c.id === EMBEDDED_HUBSPOT);
  const subscribed =
    hsConfig === undefined
      ? []
      : await journalSubscriptionItems(hsConfig, requireConnection(service.deps, EMBEDDED_HUBSPOT), false, {
          signal,
        });
  const failed = subscribed.filter((i) => i.status === 'failed');
  if (failed.length > 0)
    throw new Error(`journal subscriptions failed: ${failed.map((i) => i.detail).join('; ')}`);
  const base = service.url ?? '';
  const webhooksOn = options.webhooks ?? true;
  salesforce.webhooks.configure({
    url: `${base}/webhooks/salesforce/${EMBEDDED_SALESFORCE}`,
    // Over Pub/Sub the service reads the changes itself: no inbound Salesforce route is used.
    enabled: webhooksOn && salesforce.pubsub === undefined,
  });
  hubspot.webhooks.configure({
    url: `${base}/webhooks/hubspot/${EMBEDDED_HUBSPOT}`,
    enabled: webhooksOn && options.hubspotChanges !== 'journal',
  });
  return {
    service,
    salesforce,
    hubspot,
    connections,
    provisioning,
    close: async () => {
      await Promise.all([salesforce.webhooks.flush(), hubspot.webhooks.flush()]).catch(() => undefined);
      await service.close();
      await Promise.all([salesforce.close(), hubspot.close()]);
    },
  };
}
