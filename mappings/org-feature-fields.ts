import type { Provider } from '../src/domain/entities.js';

/**
 * Standard CRM fields that exist only when an org setting is on. A mapping may read them (the
 * connector selects only fields the describe lists, so an absent one reads as empty and the field's
 * fallback applies); `checkAgainstSchema` reports their absence as a note, not an error.
 */
const SALESFORCE: Readonly<Record<string, string>> = {
  // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunity.htm
  currencyisocode: 'multiple currencies',
  // https://help.salesforce.com/s/articleView?id=xcloud.admin_state_country_picklists_configure.htm
  ...Object.fromEntries(
    ['', 'billing', 'shipping', 'mailing', 'other'].flatMap((p) => [
      [`${p}countrycode`, 'state and country/territory picklists'],
      [`${p}statecode`, 'state and country/territory picklists'],
    ]),
  ),
  // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_lead.htm
  partneraccountid: 'partner accounts (partner relationship management)',
};

/** The org setting a missing field depends on, or null when every org has (or lacks) it. */
export function orgFeatureOf(provider: Provider, field: string): string | null {
  if (provider !== 'salesforce') return null;
  return SALESFORCE[field.toLowerCase()] ?? null;
}
