import { createHubspotSandbox, type HubspotSandbox, type HubspotSandboxOptions } from './hubspot-server.js';
import {
  createSalesforceSandbox,
  type SalesforceSandbox,
  type SalesforceSandboxOptions,
} from './salesforce-server.js';
import { seedHubspot, seedSalesforce } from './seed.js';

export type { HubspotSandbox, HubspotSandboxOptions } from './hubspot-server.js';
export type { SalesforceSandbox, SalesforceSandboxOptions } from './salesforce-server.js';

/** Starts the Salesforce sandbox on 127.0.0.1 (port 0 by default); `seed: true` loads the demo data set. */
export async function startSalesforceSandbox(
  opts: SalesforceSandboxOptions & { readonly seed?: boolean } = {},
): Promise<SalesforceSandbox> {
  const sb = await createSalesforceSandbox(opts);
  if (opts.seed) seedSalesforce(sb.org);
  return sb;
}

/** Starts the HubSpot sandbox on 127.0.0.1 (port 0 by default); `seed: true` loads the demo data set. */
export async function startHubspotSandbox(
  opts: HubspotSandboxOptions & { readonly seed?: boolean } = {},
): Promise<HubspotSandbox> {
  const sb = await createHubspotSandbox(opts);
  if (opts.seed) seedHubspot(sb.portal, sb.associations);
  return sb;
}
