import { ConfigError } from '../src/core/errors/index.js';
import { ConnectionConfig } from './connection-config.js';
import { HubspotClient } from './hubspot/client.js';
import { HubspotConnector } from './hubspot/connector.js';
import type { CrmConnector } from './port.js';
import type { RateGate } from './rate-budget.js';
import type { RetryOptions } from './with-retries.js';
import { SalesforceClient } from './salesforce/client.js';
import { SalesforceConnector } from './salesforce/connector.js';

export interface ConnectorDeps {
  /** The connection's shared budget (RateBudget in Redis); tests pass UNLIMITED_GATE. */
  readonly gate: RateGate;
  readonly now?: () => number;
  /** Persist refreshed credentials (never logged). */
  readonly onToken?: (connectionId: string, token: Readonly<Record<string, string>>) => void;
  /** Salesforce: the fields the active mapping reads on an object (queries select only those). */
  readonly salesforceReadFields?: (objectType: string) => Promise<readonly string[] | undefined>;
  /** HubSpot: associations to read with each record, by object type (none when omitted). */
  readonly hubspotAssociations?: Readonly<Record<string, readonly string[]>>;
  /** Retry each transient CRM call in place (setup commands). */
  readonly retry?: RetryOptions;
}

/** Provider → connector. Invalid config → one ConfigError naming the connection and every bad field. */
export function createConnector(raw: unknown, deps: ConnectorDeps): CrmConnector {
  const parsed = ConnectionConfig.safeParse(raw);
  if (!parsed.success) {
    const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : '(unnamed)';
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ConfigError(
      `connection "${id}" is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  const config = parsed.data;
  const now = deps.now ?? Date.now;
  switch (config.provider) {
    case 'salesforce': {
      const client = new SalesforceClient({
        connectionId: config.id,
        loginUrl: config.loginUrl,
        ...(config.instanceUrl !== undefined ? { instanceUrl: config.instanceUrl } : {}),
        apiVersion: config.apiVersion,
        auth: config.auth,
        gate: deps.gate,
        now,
        onToken: (t) => deps.onToken?.(config.id, t),
        ...(deps.retry === undefined ? {} : { retry: deps.retry }),
      });
      return new SalesforceConnector(client, {
        now,
        bulkThreshold: config.bulkThreshold,
        ...(deps.salesforceReadFields !== undefined ? { readFields: deps.salesforceReadFields } : {}),
      });
    }
    case 'hubspot': {
      const client = new HubspotClient({
        connectionId: config.id,
        baseUrl: config.baseUrl,
        auth: config.auth,
        gate: deps.gate,
        portalUtcOffsetMinutes: config.portalUtcOffsetMinutes,
        now,
        onToken: (t) => deps.onToken?.(config.id, t),
        ...(deps.retry === undefined ? {} : { retry: deps.retry }),
      });
      return new HubspotConnector(client, {
        now,
        ...(deps.hubspotAssociations === undefined ? {} : { associations: deps.hubspotAssociations }),
      });
    }
  }
}
