/** The variables the cross-field rules read (values as parsed, or raw where parsing failed). */
type RuleVariable =
  | 'NODE_ENV'
  | 'ADMIN_TOKEN'
  | 'HUBSPOT_ACCESS_TOKEN'
  | 'HUBSPOT_CLIENT_ID'
  | 'HUBSPOT_CLIENT_SECRET'
  | 'HUBSPOT_REFRESH_TOKEN'
  | 'HUBSPOT_APP_ID'
  | 'HUBSPOT_PORTAL_ID'
  | 'SALESFORCE_INSTANCE_URL'
  | 'SALESFORCE_ACCESS_TOKEN'
  | 'SALESFORCE_CLIENT_ID'
  | 'SALESFORCE_CLIENT_SECRET'
  | 'SALESFORCE_REFRESH_TOKEN'
  | 'SALESFORCE_USERNAME'
  | 'SALESFORCE_PRIVATE_KEY_FILE'
  | 'SALESFORCE_ORG_ID'
  | 'SALESFORCE_WEBHOOK_SECRET'
  | 'REDIS_CLUSTER_NODES'
  | 'REDIS_CLUSTER_USERNAME'
  | 'REDIS_CLUSTER_PASSWORD'
  | 'REDIS_CLUSTER_NAT_MAP'
  | 'PUBLIC_BASE_URL'
  | 'WHY_LINK_SECRET';

export type EnvValues = Partial<Record<RuleVariable, unknown>>;

/**
 * Rules across variables. Runs on whatever parsed (even when other variables are bad) so one boot
 * error lists every problem at once.
 */
export function crossFieldIssues(env: EnvValues): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const issue = (path: string, message: string): void => {
    issues.push({ path, message });
  };
  const set = (v: unknown): boolean => (typeof v === 'string' ? v.trim() !== '' : v !== undefined);
  const hubspotSet = [
    env.HUBSPOT_CLIENT_ID,
    env.HUBSPOT_REFRESH_TOKEN,
    env.HUBSPOT_APP_ID,
    env.HUBSPOT_PORTAL_ID,
  ].some(set);
  const hubspotOauth = set(env.HUBSPOT_CLIENT_ID) && set(env.HUBSPOT_REFRESH_TOKEN);
  if (hubspotSet && !set(env.HUBSPOT_ACCESS_TOKEN) && !hubspotOauth) {
    issue(
      'HUBSPOT_ACCESS_TOKEN',
      'required for the HubSpot connection (or HUBSPOT_CLIENT_ID + HUBSPOT_REFRESH_TOKEN)',
    );
  }
  if (hubspotOauth && !set(env.HUBSPOT_CLIENT_SECRET)) {
    issue('HUBSPOT_CLIENT_SECRET', 'required for the HubSpot OAuth refresh flow');
  }
  const sfSet = [
    env.SALESFORCE_INSTANCE_URL,
    env.SALESFORCE_CLIENT_ID,
    env.SALESFORCE_REFRESH_TOKEN,
    env.SALESFORCE_USERNAME,
    env.SALESFORCE_ORG_ID,
    env.SALESFORCE_WEBHOOK_SECRET,
  ].some(set);
  if (set(env.SALESFORCE_ACCESS_TOKEN) && !set(env.SALESFORCE_INSTANCE_URL)) {
    issue('SALESFORCE_INSTANCE_URL', 'required with SALESFORCE_ACCESS_TOKEN');
  }
  const sfHasAuth =
    set(env.SALESFORCE_ACCESS_TOKEN) ||
    (set(env.SALESFORCE_CLIENT_ID) &&
      (set(env.SALESFORCE_REFRESH_TOKEN) ||
        set(env.SALESFORCE_PRIVATE_KEY_FILE) ||
        set(env.SALESFORCE_CLIENT_SECRET)));
  if (sfSet && !sfHasAuth) {
    issue(
      'SALESFORCE_ACCESS_TOKEN',
      'required for the Salesforce connection (or SALESFORCE_CLIENT_ID with a refresh token, JWT key or client secret)',
    );
  }
  if (set(env.SALESFORCE_PRIVATE_KEY_FILE) && !set(env.SALESFORCE_USERNAME)) {
    issue('SALESFORCE_USERNAME', 'required for the JWT bearer flow (SALESFORCE_PRIVATE_KEY_FILE is set)');
  }
  const clusterNodes = env.REDIS_CLUSTER_NODES;
  const clusterSet = Array.isArray(clusterNodes) ? clusterNodes.length > 0 : set(clusterNodes);
  for (const name of ['REDIS_CLUSTER_USERNAME', 'REDIS_CLUSTER_PASSWORD', 'REDIS_CLUSTER_NAT_MAP'] as const) {
    if (set(env[name]) && !clusterSet) issue(name, 'needs REDIS_CLUSTER_NODES');
  }
  if (set(env.WHY_LINK_SECRET) && !set(env.PUBLIC_BASE_URL)) {
    issue('PUBLIC_BASE_URL', 'required with WHY_LINK_SECRET: "Why?" links written into the CRM are absolute');
  }
  if (env.NODE_ENV === 'production' && !set(env.ADMIN_TOKEN)) {
    issue('ADMIN_TOKEN', 'required in production: the admin API and queue dashboard are protected by it');
  }
  return issues;
}
