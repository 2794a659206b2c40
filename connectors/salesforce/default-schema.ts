import type { FieldSpec, SchemaSpec } from '../port.js';
import { SALESFORCE_WHY_LINKS, withWhyLinkFields } from '../why-link-field.js';

/** The Salesforce fields and objects partnersync writes. */

const DUPLICATE_FIELDS: readonly FieldSpec[] = [
  {
    name: 'PS_Duplicate_Status__c',
    label: 'PS Duplicate Status',
    kind: 'picklist',
    // "Not a duplicate" is the rep's (or the console's) dismissal of the flagged pair; never ours to set.
    options: ['Unique', 'Possible Duplicate', 'Duplicate', 'Not a duplicate'],
  },
  { name: 'PS_Duplicate_Of__c', label: 'PS Duplicate Of', kind: 'text', length: 18 },
  { name: 'PS_Duplicate_Score__c', label: 'PS Duplicate Score', kind: 'number', precision: 5, scale: 4 },
  { name: 'PS_Duplicate_Reason__c', label: 'PS Duplicate Reason', kind: 'text', length: 255 },
  { name: 'PS_Partner__c', label: 'PS Partner', kind: 'lookup', referenceTo: 'Account' },
];

const OPPORTUNITY_FIELDS: readonly FieldSpec[] = [
  { name: 'PS_Partner_Sourced__c', label: 'PS Partner Sourced', kind: 'checkbox' },
  { name: 'PS_Sourcing_Partner__c', label: 'PS Sourcing Partner', kind: 'lookup', referenceTo: 'Account' },
  { name: 'PS_Partner_Influenced__c', label: 'PS Partner Influenced', kind: 'checkbox' },
  { name: 'PS_Influencing_Partners__c', label: 'PS Influencing Partners', kind: 'text', length: 255 },
  { name: 'PS_Attribution_Model__c', label: 'PS Attribution Model', kind: 'text', length: 40 },
  {
    name: 'PS_Deal_Registration__c',
    label: 'PS Deal Registration',
    kind: 'lookup',
    referenceTo: 'PS_Deal_Registration__c',
  },
];

/**
 * The partner profile on Account, read by the default mapping (objects.partner): the picklist options
 * are the values that mapping's `map:` turns into our partner type / status.
 */
const PARTNER_PROFILE_FIELDS: readonly FieldSpec[] = [
  {
    name: 'PS_Partner_Type__c',
    label: 'PS Partner Type',
    kind: 'picklist',
    options: ['Reseller', 'Referral', 'System Integrator', 'MSP', 'ISV', 'Influencer'],
  },
  {
    name: 'PS_Partner_Tier__c',
    label: 'PS Partner Tier',
    kind: 'picklist',
    options: ['Platinum', 'Gold', 'Silver', 'Registered'],
  },
  { name: 'PS_Partner_Domains__c', label: 'PS Partner Domains', kind: 'text', length: 255 },
  {
    name: 'PS_Partner_Status__c',
    label: 'PS Partner Status',
    kind: 'picklist',
    options: ['Active', 'Inactive', 'Prospect'],
  },
  { name: 'PS_Territories__c', label: 'PS Territories', kind: 'text', length: 255 },
];

const EXTERNAL_KEY: FieldSpec = {
  name: 'External_Key__c',
  label: 'External Key',
  kind: 'text',
  length: 255,
  unique: true,
  externalId: true,
};

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
        label: 'PS Deal Registration',
        pluralLabel: 'PS Deal Registrations',
        fields: [
          EXTERNAL_KEY,
          { name: 'Partner__c', label: 'Partner', kind: 'lookup', referenceTo: 'Account' },
          { name: 'Customer_Company__c', label: 'Customer Company', kind: 'text', length: 255 },
          { name: 'Customer_Domain__c', label: 'Customer Domain', kind: 'text', length: 255 },
          { name: 'Amount__c', label: 'Amount', kind: 'number', precision: 18, scale: 2 },
          {
            name: 'Status__c',
            label: 'Status',
            kind: 'picklist',
            // The labels the default mapping writes and reads back (mappings/salesforce.default.yaml).
            options: ['Submitted', 'Approved', 'Rejected', 'Pending Review', 'Expired', 'Converted'],
          },
          { name: 'Reason__c', label: 'Reason', kind: 'text', length: 255 },
          { name: 'Expires_On__c', label: 'Expires On', kind: 'date' },
          { name: 'Conflict_With__c', label: 'Conflict With', kind: 'text', length: 255 },
          { name: 'Opportunity__c', label: 'Opportunity', kind: 'lookup', referenceTo: 'Opportunity' },
          // Submitted by partners (the portal or a form), read by the default mapping.
          { name: 'Contact_Email__c', label: 'Contact Email', kind: 'text', length: 255 },
          { name: 'Contact_First_Name__c', label: 'Contact First Name', kind: 'text', length: 80 },
          { name: 'Contact_Last_Name__c', label: 'Contact Last Name', kind: 'text', length: 80 },
          { name: 'Expected_Close__c', label: 'Expected Close', kind: 'date' },
          { name: 'Territory__c', label: 'Territory', kind: 'text', length: 80 },
          { name: 'Submitted_At__c', label: 'Submitted At', kind: 'datetime' },
          { name: 'Decided_At__c', label: 'Decided At', kind: 'datetime' },
        ],
      },
      {
        name: 'PS_Partner_Attribution__c',
        label: 'PS Partner Attribution',
        pluralLabel: 'PS Partner Attributions',
        fields: [
          EXTERNAL_KEY,
          { name: 'Opportunity__c', label: 'Opportunity', kind: 'lookup', referenceTo: 'Opportunity' },
          { name: 'Partner__c', label: 'Partner Account', kind: 'lookup', referenceTo: 'Account' },
          { name: 'Role__c', label: 'Role', kind: 'picklist', options: ['Sourced', 'Influenced'] },
          { name: 'Credit_Percent__c', label: 'Credit %', kind: 'number', precision: 5, scale: 2 },
          { name: 'Credited_Amount__c', label: 'Credited Amount', kind: 'number', precision: 18, scale: 2 },
          { name: 'Model__c', label: 'Model', kind: 'text', length: 40 },
          { name: 'Evidence__c', label: 'Evidence', kind: 'textarea' },
        ],
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
