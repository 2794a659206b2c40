import type { FieldSpec, ObjectSpec, SchemaSpec } from '../port.js';
import { HUBSPOT_WHY_LINKS, withWhyLinkFields } from '../why-link-field.js';

/** The HubSpot properties and custom objects partnersync writes. */

const EXTERNAL_KEY: FieldSpec = {
  name: 'ps_external_key',
  label: 'PS External Key',
  kind: 'text',
  unique: true,
};

const CONTACT_FIELDS: readonly FieldSpec[] = [
  {
    name: 'ps_duplicate_status',
    label: 'PS Duplicate Status',
    kind: 'picklist',
    // "Not a duplicate" is the rep's (or the console's) dismissal of the flagged pair; never ours to set.
    options: ['Unique', 'Possible Duplicate', 'Duplicate', 'Not a duplicate'],
  },
  { name: 'ps_duplicate_of', label: 'PS Duplicate Of', kind: 'text' },
  { name: 'ps_duplicate_score', label: 'PS Duplicate Score', kind: 'number' },
  { name: 'ps_duplicate_reason', label: 'PS Duplicate Reason', kind: 'text' },
  { name: 'ps_partner_id', label: 'PS Partner', kind: 'text' },
];

// The partner profile, read by the default mapping (objects.partner); picklist options are the
// values that mapping's `map:` turns into our partner type / status.
const COMPANY_FIELDS: readonly FieldSpec[] = [
  { name: 'ps_is_partner', label: 'PS Is Partner', kind: 'checkbox' },
  {
    name: 'ps_partner_type',
    label: 'PS Partner Type',
    kind: 'picklist',
    options: ['reseller', 'referral', 'si', 'msp', 'isv', 'influence'],
  },
  {
    name: 'ps_partner_tier',
    label: 'PS Partner Tier',
    kind: 'picklist',
    options: ['Platinum', 'Gold', 'Silver', 'Registered'],
  },
  {
    name: 'ps_partner_status',
    label: 'PS Partner Status',
    kind: 'picklist',
    options: ['active', 'inactive', 'prospect'],
  },
  { name: 'ps_territories', label: 'PS Territories', kind: 'text' },
];

const DEAL_FIELDS: readonly FieldSpec[] = [
  { name: 'ps_partner_sourced', label: 'PS Partner Sourced', kind: 'checkbox' },
  { name: 'ps_sourcing_partner_id', label: 'PS Sourcing Partner', kind: 'text' },
  { name: 'ps_partner_influenced', label: 'PS Partner Influenced', kind: 'checkbox' },
  { name: 'ps_influencing_partners', label: 'PS Influencing Partners', kind: 'text' },
  { name: 'ps_attribution_model', label: 'PS Attribution Model', kind: 'text' },
  { name: 'ps_deal_registration_id', label: 'PS Deal Registration', kind: 'text' },
];

const DEAL_REGISTRATION_OBJECT: ObjectSpec = {
  name: 'ps_deal_registration',
  label: 'PS Deal Registration',
  pluralLabel: 'PS Deal Registrations',
  associatedObjects: ['DEAL', 'COMPANY'],
  fields: [
    EXTERNAL_KEY,
    { name: 'ps_status', label: 'Status', kind: 'text' },
    { name: 'ps_partner_id', label: 'Partner', kind: 'text' },
    { name: 'ps_reason', label: 'Reason', kind: 'text' },
    { name: 'ps_expires_on', label: 'Expires On', kind: 'date' },
    // Submitted by partners, read by the default mapping (mappings/hubspot.default.yaml).
    { name: 'ps_customer_company', label: 'Customer Company', kind: 'text' },
    { name: 'ps_customer_domain', label: 'Customer Domain', kind: 'text' },
    { name: 'ps_contact_email', label: 'Contact Email', kind: 'text' },
    { name: 'ps_contact_firstname', label: 'Contact First Name', kind: 'text' },
    { name: 'ps_contact_lastname', label: 'Contact Last Name', kind: 'text' },
    { name: 'ps_amount', label: 'Amount', kind: 'number' },
    { name: 'ps_currency', label: 'Currency', kind: 'text' },
    { name: 'ps_expected_close', label: 'Expected Close', kind: 'date' },
    { name: 'ps_territory', label: 'Territory', kind: 'text' },
    { name: 'ps_submitted_at', label: 'Submitted At', kind: 'datetime' },
    { name: 'ps_decided_at', label: 'Decided At', kind: 'datetime' },
    { name: 'ps_conflict_with', label: 'Conflict With', kind: 'text' },
    { name: 'ps_opportunity_id', label: 'Deal', kind: 'text' },
  ],
};

const PARTNER_ATTRIBUTION_OBJECT: ObjectSpec = {
  name: 'ps_partner_attribution',
  label: 'PS Partner Attribution',
  pluralLabel: 'PS Partner Attributions',
  associatedObjects: ['DEAL', 'COMPANY'],
  fields: [
    EXTERNAL_KEY,
    { name: 'ps_role', label: 'Role', kind: 'text' },
    { name: 'ps_partner_id', label: 'Partner', kind: 'text' },
    { name: 'ps_credit_percent', label: 'Credit %', kind: 'number' },
    { name: 'ps_credited_amount', label: 'Credited Amount', kind: 'number' },
    { name: 'ps_model', label: 'Model', kind: 'text' },
    { name: 'ps_evidence', label: 'Evidence', kind: 'textarea' },
    { name: 'ps_opportunity_id', label: 'Deal', kind: 'text' },
  ],
};

export function hubspotDefaultSchema(dryRun: boolean): SchemaSpec {
  const schema: SchemaSpec = {
    dryRun,
    fields: { contacts: [...CONTACT_FIELDS], companies: [...COMPANY_FIELDS], deals: [...DEAL_FIELDS] },
    customObjects: [DEAL_REGISTRATION_OBJECT, PARTNER_ATTRIBUTION_OBJECT],
  };
  return withWhyLinkFields(schema, HUBSPOT_WHY_LINKS);
}

/** Where custom objects are unavailable (non-Enterprise portals, 403), registrations live on the deal. */
export const HUBSPOT_DEAL_FALLBACK_FIELDS: readonly FieldSpec[] = [
  { name: 'ps_registration_status', label: 'PS Registration Status', kind: 'text' },
  { name: 'ps_registration_partner_id', label: 'PS Registration Partner', kind: 'text' },
  { name: 'ps_registration_expires_on', label: 'PS Registration Expires On', kind: 'date' },
  { name: 'ps_attribution_evidence', label: 'PS Attribution Evidence', kind: 'textarea' },
];
