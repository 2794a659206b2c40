import { field, type SfField } from './schema.js';

/**
 * Org settings that add standard fields. All off by default, as in a new Developer Edition org, so a
 * mapping that needs one of them is checked against the org it will really meet.
 */
export interface SfOrgFeatures {
  /** Multiple currencies: `CurrencyIsoCode` on every object, custom ones included. */
  readonly multiCurrency?: boolean | undefined;
  /** State and country/territory picklists: `…StateCode` / `…CountryCode` beside each address. */
  readonly stateCountryPicklists?: boolean | undefined;
  /** Partner accounts (PRM / channel account management): `PartnerAccountId` on Lead and Opportunity. */
  readonly partnerAccounts?: boolean | undefined;
}

// "Available only for organizations with the multicurrency feature enabled":
// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunity.htm
export function currencyIsoCode(): SfField {
  return field('CurrencyIsoCode', {
    type: 'picklist',
    label: 'Currency ISO Code',
    length: 3,
    nillable: false,
    defaultedOnCreate: true,
    picklistValues: ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY'],
  });
}

/** Address prefix per object whose address gets `StateCode` / `CountryCode` picklists. */
// https://help.salesforce.com/s/articleView?id=xcloud.admin_state_country_picklists_configure.htm
const ADDRESS_PREFIX: Readonly<Record<string, string>> = { Account: 'Billing', Contact: 'Mailing', Lead: '' };
const COUNTRY_CODES = ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'AU', 'JP', 'IN', 'BR'];
const STATE_CODES = ['CA', 'NY', 'TX', 'WA', 'MA', 'IL', 'ON', 'BC'];

// PartnerAccountId: "Available only if … partner relationship management (partner portal) is enabled":
// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_lead.htm
const PARTNER_ACCOUNT_OBJECTS = new Set(['Lead', 'Opportunity']);

/** The standard fields the enabled features add to one standard object. */
export function featureFields(object: string, features: SfOrgFeatures): SfField[] {
  const out: SfField[] = [];
  if (features.multiCurrency === true) out.push(currencyIsoCode());
  const prefix = ADDRESS_PREFIX[object];
  if (features.stateCountryPicklists === true && prefix !== undefined) {
    out.push(
      field(`${prefix}StateCode`, { type: 'picklist', length: 10, picklistValues: STATE_CODES }),
      field(`${prefix}CountryCode`, { type: 'picklist', length: 10, picklistValues: COUNTRY_CODES }),
    );
  }
  if (features.partnerAccounts === true && PARTNER_ACCOUNT_OBJECTS.has(object)) {
    out.push(
      field('PartnerAccountId', {
        type: 'reference',
        label: 'Partner Account ID',
        referenceTo: ['Account'],
        relationshipName: 'PartnerAccount',
      }),
    );
  }
  return out;
}
