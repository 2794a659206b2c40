import type { Env } from '../core/env.js';

/**
 * The single Salesforce org and single HubSpot portal that env variables alone can describe,
 * as raw connection configs for `ConnectionConfig` to validate. Ids are `salesforce` and `hubspot`.
 */
export function connectionsFromEnv(env: Env): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const hubspotAuth =
    env.HUBSPOT_ACCESS_TOKEN !== undefined
      ? { type: 'private_app', accessToken: env.HUBSPOT_ACCESS_TOKEN }
      : env.HUBSPOT_CLIENT_ID !== undefined && env.HUBSPOT_REFRESH_TOKEN !== undefined
        ? {
            type: 'oauth',
            clientId: env.HUBSPOT_CLIENT_ID,
            clientSecret: env.HUBSPOT_CLIENT_SECRET,
            refreshToken: env.HUBSPOT_REFRESH_TOKEN,
          }
        : undefined;
  if (hubspotAuth !== undefined) {
    out.push({
      id: 'hubspot',
      provider: 'hubspot',
      auth: hubspotAuth,
      baseUrl: env.HUBSPOT_BASE_URL,
      tier: env.HUBSPOT_TIER,
      changes: env.HUBSPOT_CHANGES,
      ...(env.HUBSPOT_PORTAL_ID !== undefined ? { portalId: Number(env.HUBSPOT_PORTAL_ID) } : {}),
      webhook: {
        ...(env.HUBSPOT_CLIENT_SECRET !== undefined ? { clientSecret: env.HUBSPOT_CLIENT_SECRET } : {}),
        ...(env.HUBSPOT_APP_ID !== undefined ? { appId: Number(env.HUBSPOT_APP_ID) } : {}),
      },
    });
  }
  const salesforceAuth = salesforceAuthFromEnv(env);
  if (salesforceAuth !== undefined) {
    out.push({
      id: 'salesforce',
      provider: 'salesforce',
      auth: salesforceAuth,
      loginUrl: env.SALESFORCE_LOGIN_URL,
      ...(env.SALESFORCE_INSTANCE_URL !== undefined ? { instanceUrl: env.SALESFORCE_INSTANCE_URL } : {}),
      apiVersion: env.SALESFORCE_API_VERSION,
      changes: env.SALESFORCE_CHANGES,
      pubsubEndpoint: env.SALESFORCE_PUBSUB_ENDPOINT,
      webhook: {
        ...(env.SALESFORCE_ORG_ID !== undefined ? { organizationId: env.SALESFORCE_ORG_ID } : {}),
        ...(env.SALESFORCE_WEBHOOK_SECRET !== undefined
          ? { sharedSecret: env.SALESFORCE_WEBHOOK_SECRET }
          : {}),
      },
    });
  }
  return out;
}

function salesforceAuthFromEnv(env: Env): Record<string, unknown> | undefined {
  if (env.SALESFORCE_ACCESS_TOKEN !== undefined && env.SALESFORCE_INSTANCE_URL !== undefined) {
    return {
      type: 'access_token',
      accessToken: env.SALESFORCE_ACCESS_TOKEN,
      instanceUrl: env.SALESFORCE_INSTANCE_URL,
    };
  }
  const clientId = env.SALESFORCE_CLIENT_ID;
  if (clientId === undefined) return undefined;
  if (env.SALESFORCE_REFRESH_TOKEN !== undefined) {
    return {
      type: 'refresh_token',
      clientId,
      refreshToken: env.SALESFORCE_REFRESH_TOKEN,
      ...(env.SALESFORCE_CLIENT_SECRET !== undefined ? { clientSecret: env.SALESFORCE_CLIENT_SECRET } : {}),
    };
  }
  if (env.SALESFORCE_PRIVATE_KEY_FILE !== undefined && env.SALESFORCE_USERNAME !== undefined) {
    return {
      type: 'jwt_bearer',
      clientId,
      username: env.SALESFORCE_USERNAME,
      privateKeyFile: env.SALESFORCE_PRIVATE_KEY_FILE,
    };
  }
  if (env.SALESFORCE_CLIENT_SECRET !== undefined) {
    return { type: 'client_credentials', clientId, clientSecret: env.SALESFORCE_CLIENT_SECRET };
  }
  return undefined;
}
