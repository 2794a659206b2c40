import type { RedisClient } from './redis.js';
import type { ConnectionConfig } from '../../connectors/connection-config.js';
import { RateBudget, type RateBudgetConfig } from '../../connectors/rate-budget.js';
import { hubspotBudget, salesforceBudget } from '../../connectors/rate-budget-presets.js';
import { HUBSPOT_MAPPING_ASSOCIATIONS } from '../../connectors/hubspot/associations.js';
import { createConnector } from '../../connectors/registry.js';
import { withRetries, type RetryOptions } from '../../connectors/with-retries.js';
import { SALESFORCE_CLIENT_NAME } from '../../connectors/salesforce/identity.js';
import { defaultMappingPath, loadMappingFile } from '../../mappings/load-mapping-file.js';
import type { Mapping } from '../../mappings/schema.js';
import { sourceFieldsOf } from '../../mappings/source-fields.js';
import type { Logger } from '../core/logger.js';
import type { WebhookConnection } from '../../connectors/webhook-connection.js';
import type { KeySpace } from '../store/keys.js';
import type { ConnectionRegistry, ConnectionRuntime } from './pipeline-deps.js';

/** Where a connection's active mapping comes from; the admin API's versioned store plugs in here. */
export type ActiveMapping = (connectionId: string, fallback: Mapping) => Promise<Mapping>;

export function rateBudgetConfig(config: ConnectionConfig): RateBudgetConfig {
  const { limits } = config;
  const common = {
    dailyShare: limits.dailyShare,
    warnAt: limits.warnAt,
    ...(limits.burstPer10s !== undefined ? { burstPer10s: limits.burstPer10s } : {}),
    ...(limits.dailyLimit !== undefined ? { dailyLimit: limits.dailyLimit } : {}),
  };
  if (config.provider === 'hubspot') {
    return hubspotBudget(config.tier, { ...common, utcOffsetMinutes: config.portalUtcOffsetMinutes });
  }
  return salesforceBudget(config.limits.dailyLimit, {
    ...common,
    ...(limits.perSecond !== undefined ? { perSecond: limits.perSecond } : {}),
  });
}

export function webhookConnectionOf(config: ConnectionConfig): WebhookConnection {
  if (config.provider === 'hubspot') {
    return {
      id: config.id,
      provider: 'hubspot',
      clientSecret:
        config.webhook.clientSecret ?? (config.auth.type === 'oauth' ? config.auth.clientSecret : undefined),
      appId: config.webhook.appId === undefined ? undefined : String(config.webhook.appId),
      portalId: config.portalId === undefined ? undefined : String(config.portalId),
    };
  }
  return {
    id: config.id,
    provider: 'salesforce',
    organizationId: config.webhook.organizationId,
    sharedSecret: config.webhook.sharedSecret,
    // Every call we make says `Sforce-Call-Options: client=partnersync`; the user id comes from the
    // token's identity once known (see own-identities.ts), never from configuration.
    clientId: SALESFORCE_CLIENT_NAME,
    integrationUserId: undefined,
  };
}

/** Builds every connection once per process: rate budget in Redis, connector, mapping. */
export function buildConnections(
  configs: readonly ConnectionConfig[],
  deps: {
    redis: RedisClient;
    keys: KeySpace;
    log: Logger;
    activeMapping?: ActiveMapping;
    /** Setup commands: retry transient CRM failures in place (the workers retry whole jobs instead). */
    retry?: RetryOptions;
  },
): ConnectionRegistry {
  const runtimes = new Map<string, ConnectionRuntime>();
  for (const config of configs) {
    const fileMapping = loadMappingFile(config.mappingFile ?? defaultMappingPath(config.provider));
    if (fileMapping.provider !== config.provider) {
      throw new Error(
        `connection ${config.id}: mapping is for ${fileMapping.provider}, connection is ${config.provider}`,
      );
    }
    const log = deps.log.child({ component: 'connection', connection: config.id });
    const gate = new RateBudget(
      deps.redis,
      deps.keys.connection(config.id, 'budget'),
      rateBudgetConfig(config),
      {
        onWarning: (w) =>
          log.warn({ used: w.used, cap: w.cap, limit: w.limit }, 'daily API quota share nearly used'),
      },
    );
    const activeMapping = deps.activeMapping;
    const mapping =
      activeMapping === undefined ? async () => fileMapping : () => activeMapping(config.id, fileMapping);
    const direct = createConnector(config, {
      gate,
      hubspotAssociations: HUBSPOT_MAPPING_ASSOCIATIONS,
      salesforceReadFields: async (objectType) => sourceFieldsOf(await mapping(), objectType),
      ...(deps.retry === undefined ? {} : { retry: deps.retry }),
    });
    // Each CRM call retries in place; around them, one more go at a whole operation (a listing resumes
    // from its last page) and one line naming connection, call and vendor message when it stops.
    const connector =
      deps.retry === undefined ? direct : withRetries(direct, { ...deps.retry, maxAttempts: 2 });
    const budget = { room: () => gate.room('default'), usage: () => gate.usage() };
    runtimes.set(config.id, { config, connector, webhook: webhookConnectionOf(config), budget, mapping });
  }
  return { get: (id) => runtimes.get(id), list: () => [...runtimes.values()] };
}
