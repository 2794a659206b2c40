import type { FieldSpec, SchemaSpec } from '../port.js';
import { SALESFORCE_WHY_LINKS, withWhyLinkFields } from '../why-link-field.js';

/** The Salesforce fields and objects partnersync writes. */

/**
 * Labels a rep reads without a "PS" prefix (API names keep theirs, so they never clash with an org's
 * own fields); labels fit Salesforce's 40 characters, help texts its 510 (`inlineHelpText`).
 */
const DUPLICATE_FIELDS: readonly FieldSpec[] = [
  {
    name: 'PS_Duplicate_Status__c',
    label: 'Duplicate Status',
    kind: 'picklist',
    // "Not a duplicate" is the rep's (or the console's) dismissal of the flagged pair; never ours to set.
    options: ['Unique', 'Possible Duplicate', 'Duplicate', 'Not a duplicate'],
    help: 'Set by partnersync. Duplicate or Possible Duplicate: this person looks like the record in Duplicate Of. Choose "Not a duplicate" if they are different people; partnersync will not flag the pair again.',
  },
  {
    name: 'PS_Duplicate_Of__c',
    label: 'Duplicate Of (Record Id)',
    kind: 'text',
    length: 18,
    help: 'Set by partnersync: the Salesforce id of the record to keep. Use the Duplicate Of Lead or Duplicate Of Contact link to open it.',
  },
  {
    name: 'PS_Duplicate_Of_Lead__c',
    label: 'Duplicate Of Lead',
    kind: 'lookup',
    referenceTo: 'Lead',
    help: 'Set by partnersync: the lead this record duplicates, when the record to keep is a lead. Click to open it.',
  },
  {
    name: 'PS_Duplicate_Of_Contact__c',
    label: 'Duplicate Of Contact',
    kind: 'lookup',
    referenceTo: 'Contact',
    help: 'Set by partnersync: the contact this record duplicates, when the record to keep is a contact. Click to open it.',
  },
  {
    name: 'PS_Duplicate_Of_Name__c',
    label: 'Duplicate Of',
    kind: 'text',
    length: 255,
    help: 'Set by partnersync: the name of the person this record duplicates (the record to keep).',
  },
  {
    name: 'PS_Duplicate_Likelihood__c',
    label: 'Duplicate Likelihood',
    kind: 'percent',
    precision: 3,
    scale: 0,
    help: 'Set by partnersync: how likely this is the same person as Duplicate Of. Of the pairs shown with 97 %, about 97 in 100 are the same person. Never 100 %: a person decides.',
  },
  {
    name: 'PS_Duplicate_Reason__c',
    label: 'Duplicate Reason',
    kind: 'text',
    length: 255,
    help: 'Set by partnersync: how likely a duplicate, then what matched ("same mailbox (ignoring the +tag); first name Robert ≈ Bob (nickname)") and what differs.',
  },
  {
    name: 'PS_Partner__c',
    label: 'Partner',
    kind: 'lookup',
    referenceTo: 'Account',
    help: 'The partner account this person came from. Set it to credit the partner with a deal that comes from this lead.',
  },
];

const OPPORTUNITY_FIELDS: readonly FieldSpec[] = [
  {
    name: 'PS_Partner_Sourced__c',
    label: 'Partner Sourced',
    kind: 'checkbox',
    help: 'Set by partnersync: checked when a partner brought this deal (an approved deal registration or a partner lead).',
  },
  {
    name: 'PS_Sourcing_Partner__c',
    label: 'Sourcing Partner',
    kind: 'lookup',
    referenceTo: 'Account',
    help: 'Set by partnersync: the partner credited with bringing this deal.',
  },
  {
    name: 'PS_Partner_Influenced__c',
    label: 'Partner Influenced',
    kind: 'checkbox',
    help: 'Set by partnersync: checked when partners helped on this deal (added as partners, meetings, co-selling).',
  },
  {
    name: 'PS_Influencing_Partners__c',
    label: 'Influencing Partners',
    kind: 'text',
    length: 255,
    help: 'Set by partnersync: the partners who helped on this deal, by name. Their credit is in the Partner Attributions list.',
  },
  {
    name: 'PS_Attribution_Model__c',
    label: 'Influence Credit Split',
    kind: 'text',
    length: 40,
    help: 'Set by partnersync: how the influence credit is shared between the partners who helped, e.g. "Split equally between 2 partners".',
  },
  {
    name: 'PS_Deal_Registration__c',
    label: 'Deal Registration',
    kind: 'lookup',
    referenceTo: 'PS_Deal_Registration__c',
    help: "Set by partnersync: the partner's approved deal registration this opportunity came from.",
  },
];

/**
 * The partner profile on Account, read by the default mapping (objects.partner): the picklist options
 * are the values that mapping's `map:` turns into our partner type / status.
 */
const PARTNER_PROFILE_FIELDS: readonly FieldSpec[] = [
  {
    name: 'PS_Partner_Type__c',
    label: 'Partner Type',
    kind: 'picklist',
    options: ['Reseller', 'Referral', 'System Integrator', 'MSP', 'ISV', 'Influencer'],
    help: 'What kind of partner this account is; partnersync reads it.',
  },
  {
    name: 'PS_Partner_Tier__c',
    label: 'Partner Tier',
    kind: 'picklist',
    options: ['Platinum', 'Gold', 'Silver', 'Registered'],
    help: "The partner's program tier; registration approval rules can depend on it.",
  },
  {
    name: 'PS_Partner_Domains__c',
    label: 'Partner Domains',
    kind: 'text',
    length: 255,
    help: "The partner's own email domains, separated by semicolons, so their people are not taken for customers.",
  },
  {
    name: 'PS_Partner_Status__c',
    label: 'Partner Status',
    kind: 'picklist',
    options: ['Active', 'Inactive', 'Prospect'],
    help: 'Only active partners get deal registrations approved and influence credit.',
  },
  {
    name: 'PS_Territories__c',
    label: 'Partner Territories',
    kind: 'text',
    length: 255,
    help: 'The territories the partner may register deals in, separated by semicolons.',
  },
];

const EXTERNAL_KEY: FieldSpec = {
  name: 'External_Key__c',
  label: 'External Key',
  kind: 'text',
  length: 255,
  unique: true,
  externalId: true,
  help: 'Set by partnersync to find this record again; do not edit.',
};

const REGISTRATION_FIELDS: readonly FieldSpec[] = [
  EXTERNAL_KEY,
  {
    name: 'Partner__c',
    label: 'Partner',
    kind: 'lookup',
    referenceTo: 'Account',
    help: 'The partner who registered the deal.',
  },
  {
    name: 'Customer_Company__c',
    label: 'Customer Company',
    kind: 'text',
    length: 255,
    help: 'The customer the partner registered.',
  },
  {
    name: 'Customer_Domain__c',
    label: 'Customer Domain',
    kind: 'text',
    length: 255,
    help: "The customer's website domain; the surest way to recognise the same customer.",
  },
  {
    name: 'Amount__c',
    label: 'Amount',
    kind: 'number',
    precision: 18,
    scale: 2,
    help: 'The deal size the partner expects.',
  },
  {
    name: 'Status__c',
    label: 'Status',
    kind: 'picklist',
    // The labels the default mapping writes and reads back (mappings/salesforce.default.yaml).
    options: ['Submitted', 'Approved', 'Rejected', 'Pending Review', 'Expired', 'Converted'],
    help: 'Set by partnersync. Approved: the partner is protected until Expires On. Pending Review: a person decides. Converted: it became an opportunity.',
  },
  {
    name: 'Reason__c',
    label: 'Reason',
    kind: 'text',
    length: 255,
    help: 'Set by partnersync: why the registration has its status, naming the partner or opportunity it conflicts with.',
  },
  {
    name: 'Expires_On__c',
    label: 'Expires On',
    kind: 'date',
    help: 'Set by partnersync: the last day the approved registration protects the partner.',
  },
  {
    name: 'Conflict_With__c',
    label: 'Conflict With (Record Id)',
    kind: 'text',
    length: 255,
    help: 'Set by partnersync: the id of the registration or opportunity this one conflicts with. The Reason names it.',
  },
  {
    name: 'Opportunity__c',
    label: 'Opportunity',
    kind: 'lookup',
    referenceTo: 'Opportunity',
    help: 'Set by partnersync: the opportunity this registration became.',
  },
  // Submitted by partners (the portal or a form), read by the default mapping.
  {
    name: 'Contact_Email__c',
    label: 'Contact Email',
    kind: 'text',
    length: 255,
    help: "The customer contact's email the partner gave.",
  },
  {
    name: 'Contact_First_Name__c',
    label: 'Contact First Name',
    kind: 'text',
    length: 80,
    help: "The customer contact's first name.",
  },
  {
    name: 'Contact_Last_Name__c',
    label: 'Contact Last Name',
    kind: 'text',
    length: 80,
    help: "The customer contact's last name.",
  },
  {
    name: 'Expected_Close__c',
    label: 'Expected Close',
    kind: 'date',
    help: 'When the partner expects the deal to close.',
  },
  {
    name: 'Territory__c',
    label: 'Territory',
    kind: 'text',
    length: 80,
    help: 'The territory of the deal.',
  },
  {
    name: 'Submitted_At__c',
    label: 'Submitted At',
    kind: 'datetime',
    help: 'When the partner submitted the registration; the first to submit is protected.',
  },
  {
    name: 'Decided_At__c',
    label: 'Decided At',
    kind: 'datetime',
    help: 'Set by partnersync: when the registration was approved or rejected.',
  },
];

const ATTRIBUTION_FIELDS: readonly FieldSpec[] = [
  EXTERNAL_KEY,
  {
    name: 'Opportunity__c',
    label: 'Opportunity',
    kind: 'lookup',
    referenceTo: 'Opportunity',
    help: 'The opportunity the partner is credited on.',
  },
  {
    name: 'Partner__c',
    label: 'Partner Account',
    kind: 'lookup',
    referenceTo: 'Account',
    help: 'The credited partner.',
  },
  {
    name: 'Role__c',
    label: 'Role',
    kind: 'picklist',
    options: ['Sourced', 'Influenced'],
    help: 'Sourced: the partner brought the deal. Influenced: the partner helped on it.',
  },
  {
    name: 'Credit_Percent__c',
    label: 'Credit %',
    kind: 'number',
    precision: 5,
    scale: 2,
    help: "The partner's share of the credit in its role.",
  },
  {
    name: 'Credited_Amount__c',
    label: 'Credited Amount',
    kind: 'number',
    precision: 18,
    scale: 2,
    help: "The partner's share of the opportunity amount.",
  },
  {
    name: 'Model__c',
    label: 'Credit Split',
    kind: 'text',
    length: 40,
    help: 'How the credit was shared, e.g. "Split equally between 2 partners".',
  },
  {
    name: 'Evidence__c',
    label: 'Why',
    kind: 'textarea',
    help: 'What the partner did, in words: "Contoso was added as a partner on this opportunity on 5 Dec".',
  },
];

export function salesforceDefaultSchema(dryRun: boolean): SchemaSpec {
  return withWhyLinkFields(baseSchema(dryRun), SALESFORCE_WHY_LINKS);
}

function baseSchema(dryRun: boolean): SchemaSpec {
  return {
    dryRun,
    // Objects are created before fields, so the Opportunity lookup can point at the new object.
    customObjects: [
      {
        name: 'PS_Deal_Registration__c',
        label: 'Deal Registration',
        pluralLabel: 'Deal Registrations',
        fields: REGISTRATION_FIELDS,
      },
      {
        name: 'PS_Partner_Attribution__c',
        label: 'Partner Attribution',
        pluralLabel: 'Partner Attributions',
        fields: ATTRIBUTION_FIELDS,
      },
    ],
    fields: {
      Lead: DUPLICATE_FIELDS,
      Contact: DUPLICATE_FIELDS,
      Opportunity: OPPORTUNITY_FIELDS,
      Account: PARTNER_PROFILE_FIELDS,
    },
  };
}
