import type { FieldSpec, ObjectSpec, SchemaSpec } from '../port.js';
import { HUBSPOT_WHY_LINKS, withWhyLinkFields } from '../why-link-field.js';

/**
 * The HubSpot properties and custom objects partnersync writes. Labels a rep reads without a "PS"
 * prefix (internal names keep `ps_`); every property has help text (`description`).
 */

const EXTERNAL_KEY: FieldSpec = {
  name: 'ps_external_key',
  label: 'External Key',
  kind: 'text',
  unique: true,
  help: 'Set by partnersync to find this record again; do not edit.',
};

const CONTACT_FIELDS: readonly FieldSpec[] = [
  {
    name: 'ps_duplicate_status',
    label: 'Duplicate Status',
    kind: 'picklist',
    // "Not a duplicate" is the rep's (or the console's) dismissal of the flagged pair; never ours to set.
    options: ['Unique', 'Possible Duplicate', 'Duplicate', 'Not a duplicate'],
    help: 'Set by partnersync. Duplicate or Possible Duplicate: this person looks like the contact in Duplicate Of. Choose "Not a duplicate" if they are different people; partnersync will not flag the pair again.',
  },
  {
    name: 'ps_duplicate_of',
    label: 'Duplicate Of (Record ID)',
    kind: 'text',
    help: 'Set by partnersync: the record ID of the contact to keep. Its name is in Duplicate Of.',
  },
  {
    name: 'ps_duplicate_of_name',
    label: 'Duplicate Of',
    kind: 'text',
    help: 'Set by partnersync: the name of the person this contact duplicates (the contact to keep).',
  },
  {
    name: 'ps_duplicate_likelihood',
    label: 'Duplicate Likelihood (%)',
    kind: 'percent',
    help: 'Set by partnersync: how likely this is the same person as Duplicate Of, in percent. Of the pairs shown with 97, about 97 in 100 are the same person.',
  },
  {
    name: 'ps_duplicate_reason',
    label: 'Duplicate Reason',
    kind: 'text',
    help: 'Set by partnersync: how likely a duplicate, then what matched ("same mailbox (ignoring the +tag)") and what differs.',
  },
  {
    name: 'ps_partner_id',
    label: 'Partner (Record ID)',
    kind: 'text',
    help: 'The record ID of the partner company this contact came from.',
  },
];

// The partner profile, read by the default mapping (objects.partner); picklist options are the
// values that mapping's `map:` turns into our partner type / status.
const COMPANY_FIELDS: readonly FieldSpec[] = [
  {
    name: 'ps_is_partner',
    label: 'Is Partner',
    kind: 'checkbox',
    help: 'Marks this company as a partner in the partner program.',
  },
  {
    name: 'ps_partner_type',
    label: 'Partner Type',
    kind: 'picklist',
    options: ['reseller', 'referral', 'si', 'msp', 'isv', 'influence'],
    help: 'What kind of partner this company is; partnersync reads it.',
  },
  {
    name: 'ps_partner_tier',
    label: 'Partner Tier',
    kind: 'picklist',
    options: ['Platinum', 'Gold', 'Silver', 'Registered'],
    help: "The partner's program tier; registration approval rules can depend on it.",
  },
  {
    name: 'ps_partner_status',
    label: 'Partner Status',
    kind: 'picklist',
    options: ['active', 'inactive', 'prospect'],
    help: 'Only active partners get deal registrations approved and influence credit.',
  },
  {
    name: 'ps_territories',
    label: 'Partner Territories',
    kind: 'text',
    help: 'The territories the partner may register deals in, separated by semicolons.',
  },
];

const DEAL_FIELDS: readonly FieldSpec[] = [
  {
    name: 'ps_partner_sourced',
    label: 'Partner Sourced',
    kind: 'checkbox',
    help: 'Set by partnersync: Yes when a partner brought this deal (an approved deal registration or a partner contact).',
  },
  {
    name: 'ps_sourcing_partner_id',
    label: 'Sourcing Partner (Record ID)',
    kind: 'text',
    help: 'Set by partnersync: the record ID of the partner company credited with bringing this deal. Its name is in Sourcing Partner.',
  },
  {
    name: 'ps_sourcing_partner_name',
    label: 'Sourcing Partner',
    kind: 'text',
    help: 'Set by partnersync: the partner credited with bringing this deal.',
  },
  {
    name: 'ps_partner_influenced',
    label: 'Partner Influenced',
    kind: 'checkbox',
    help: 'Set by partnersync: Yes when partners helped on this deal (associated with the Partner label).',
  },
  {
    name: 'ps_influencing_partners',
    label: 'Influencing Partners',
    kind: 'text',
    help: 'Set by partnersync: the partners who helped on this deal, by name.',
  },
  {
    name: 'ps_attribution_model',
    label: 'Influence Credit Split',
    kind: 'text',
    help: 'Set by partnersync: how the influence credit is shared, e.g. "Split equally between 2 partners".',
  },
  {
    name: 'ps_deal_registration_id',
    label: 'Deal Registration (Record ID)',
    kind: 'text',
    help: "Set by partnersync: the record ID of the partner's deal registration this deal came from; the registration is associated with the deal.",
  },
];

const DEAL_REGISTRATION_OBJECT: ObjectSpec = {
  name: 'ps_deal_registration',
  label: 'Deal Registration',
  pluralLabel: 'Deal Registrations',
  associatedObjects: ['DEAL', 'COMPANY'],
  fields: [
    EXTERNAL_KEY,
    {
      name: 'ps_status',
      label: 'Status',
      kind: 'text',
      help: 'Set by partnersync. approved: the partner is protected until Expires On; pending_review: a person decides; converted: it became a deal.',
    },
    {
      name: 'ps_partner_id',
      label: 'Partner (Record ID)',
      kind: 'text',
      help: 'The record ID of the partner company that registered the deal; the company is associated. Its name is in Partner.',
    },
    {
      name: 'ps_partner_name',
      label: 'Partner',
      kind: 'text',
      help: 'Set by partnersync: the partner who registered the deal.',
    },
    {
      name: 'ps_reason',
      label: 'Reason',
      kind: 'text',
      help: 'Set by partnersync: why the registration has its status, naming the partner or deal it conflicts with.',
    },
    {
      name: 'ps_expires_on',
      label: 'Expires On',
      kind: 'date',
      help: 'Set by partnersync: the last day the approved registration protects the partner.',
    },
    // Submitted by partners, read by the default mapping (mappings/hubspot.default.yaml).
    {
      name: 'ps_customer_company',
      label: 'Customer Company',
      kind: 'text',
      help: 'The customer the partner registered.',
    },
    {
      name: 'ps_customer_domain',
      label: 'Customer Domain',
      kind: 'text',
      help: "The customer's website domain; the surest way to recognise the same customer.",
    },
    {
      name: 'ps_contact_email',
      label: 'Contact Email',
      kind: 'text',
      help: "The customer contact's email the partner gave.",
    },
    {
      name: 'ps_contact_firstname',
      label: 'Contact First Name',
      kind: 'text',
      help: "The customer contact's first name.",
    },
    {
      name: 'ps_contact_lastname',
      label: 'Contact Last Name',
      kind: 'text',
      help: "The customer contact's last name.",
    },
    { name: 'ps_amount', label: 'Amount', kind: 'number', help: 'The deal size the partner expects.' },
    { name: 'ps_currency', label: 'Currency', kind: 'text', help: 'The currency of Amount (ISO code).' },
    {
      name: 'ps_expected_close',
      label: 'Expected Close',
      kind: 'date',
      help: 'When the partner expects the deal to close.',
    },
    { name: 'ps_territory', label: 'Territory', kind: 'text', help: 'The territory of the deal.' },
    {
      name: 'ps_submitted_at',
      label: 'Submitted At',
      kind: 'datetime',
      help: 'When the partner submitted the registration; the first to submit is protected.',
    },
    {
      name: 'ps_decided_at',
      label: 'Decided At',
      kind: 'datetime',
      help: 'Set by partnersync: when the registration was approved or rejected.',
    },
    {
      name: 'ps_conflict_with',
      label: 'Conflict With (Record ID)',
      kind: 'text',
      help: 'Set by partnersync: the record ID of the registration or deal this one conflicts with. The Reason names it.',
    },
    {
      name: 'ps_opportunity_id',
      label: 'Deal (Record ID)',
      kind: 'text',
      help: 'Set by partnersync: the record ID of the deal this registration became; the deal is associated.',
    },
  ],
};

const PARTNER_ATTRIBUTION_OBJECT: ObjectSpec = {
  name: 'ps_partner_attribution',
  label: 'Partner Attribution',
  pluralLabel: 'Partner Attributions',
  associatedObjects: ['DEAL', 'COMPANY'],
  fields: [
    EXTERNAL_KEY,
    {
      name: 'ps_role',
      label: 'Role',
      kind: 'text',
      help: 'sourced: the partner brought the deal; influenced: the partner helped on it.',
    },
    {
      name: 'ps_partner_id',
      label: 'Partner (Record ID)',
      kind: 'text',
      help: 'The record ID of the credited partner company; the company is associated.',
    },
    {
      name: 'ps_credit_percent',
      label: 'Credit %',
      kind: 'number',
      help: "The partner's share of the credit in its role.",
    },
    {
      name: 'ps_credited_amount',
      label: 'Credited Amount',
      kind: 'number',
      help: "The partner's share of the deal amount.",
    },
    {
      name: 'ps_model',
      label: 'Credit Split',
      kind: 'text',
      help: 'How the credit was shared, e.g. "Split equally between 2 partners".',
    },
    {
      name: 'ps_evidence',
      label: 'Why',
      kind: 'textarea',
      help: 'What the partner did, in words: "Contoso was associated with this deal as a partner on 5 Dec".',
    },
    {
      name: 'ps_opportunity_id',
      label: 'Deal (Record ID)',
      kind: 'text',
      help: 'The record ID of the deal the partner is credited on; the deal is associated.',
    },
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
  {
    name: 'ps_registration_status',
    label: 'Registration Status',
    kind: 'text',
    help: "Set by partnersync: the status of the partner's deal registration for this deal.",
  },
  {
    name: 'ps_registration_partner_id',
    label: 'Registration Partner (Record ID)',
    kind: 'text',
    help: 'The record ID of the partner company that registered this deal.',
  },
  {
    name: 'ps_registration_expires_on',
    label: 'Registration Expires On',
    kind: 'date',
    help: 'Set by partnersync: the last day the approved registration protects the partner.',
  },
  {
    name: 'ps_attribution_evidence',
    label: 'Partner Credit Evidence',
    kind: 'textarea',
    help: 'Set by partnersync: which partners are credited on this deal, and why.',
  },
];
