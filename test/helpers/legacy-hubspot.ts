import type { HubspotSandbox } from '../../connectors/sandbox/hubspot-server.js';

/**
 * Throws when the service called a legacy HubSpot CRM path (`/crm/v3`, `/crm/v4`,
 * `/crm-object-schemas/v3`) on `sb`: every call must go to the date-versioned API, since v4
 * associations lose support on 2027-03-30 and v3 in September 2027.
 */
export function assertNoLegacyHubspotCalls(sb: Pick<HubspotSandbox, 'legacyCalls'>): void {
  const legacy = sb.legacyCalls();
  if (legacy.length > 0)
    throw new Error(`calls to legacy HubSpot paths: ${[...new Set(legacy)].slice(0, 10).join(', ')}`);
}
