/** sObject metadata: standard objects the product touches, plus custom fields/objects created through the Tooling API. */
export type SfFieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'boolean'
  | 'double'
  | 'int'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference';

export interface SfField {
  readonly name: string;
  readonly label: string;
  readonly type: SfFieldType;
  readonly length: number;
  readonly precision: number;
  readonly scale: number;
  readonly custom: boolean;
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly nillable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly defaultedOnCreate: boolean;
  readonly picklistValues: readonly string[];
  readonly referenceTo: readonly string[];
  readonly relationshipName: string | null;
  /** Field-level help a user sees beside the field (`inlineHelpText` in describe). */
  readonly inlineHelpText?: string | null;
  /** Tooling API id (00N…) for custom fields. */
  readonly toolingId?: string;
  /** Created through the Tooling API: invisible to API users until a permission set grants it. */
  readonly grantRequired?: boolean;
  /** A restricted picklist: values outside `picklistValues` are refused. */
  readonly restricted?: boolean;
}

export interface SfObject {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly custom: boolean;
  readonly fields: SfField[];
  /** Tooling API id (01I…) for custom objects. */
  readonly toolingId?: string;
  /** Created through the Tooling API: invisible to API users until a permission set grants it. */
  readonly grantRequired?: boolean;
}

export type FieldSpec = Partial<Omit<SfField, 'name' | 'type'>> & { readonly type: SfFieldType };

const READ_ONLY = { createable: false, updateable: false, nillable: false, defaultedOnCreate: true } as const;

export function field(name: string, spec: FieldSpec): SfField {
  const textual = ['string', 'textarea', 'email', 'phone', 'url', 'picklist'].includes(spec.type);
  const isId = spec.type === 'id' || spec.type === 'reference';
  return {
    name,
    label: spec.label ?? name.replace(/__c$/, '').replace(/_/g, ' '),
    type: spec.type,
    length: spec.length ?? (textual ? 255 : isId ? 18 : 0),
    precision: spec.precision ?? (['double', 'currency', 'percent'].includes(spec.type) ? 18 : 0),
    scale: spec.scale ?? (spec.type === 'currency' ? 2 : 0),
    custom: spec.custom ?? name.endsWith('__c'),
    externalId: spec.externalId ?? false,
    unique: spec.unique ?? false,
    nillable: spec.nillable ?? spec.type !== 'boolean',
    createable: spec.createable ?? true,
    updateable: spec.updateable ?? true,
    defaultedOnCreate: spec.defaultedOnCreate ?? spec.type === 'boolean',
    picklistValues: spec.picklistValues ?? [],
    referenceTo: spec.referenceTo ?? [],
    relationshipName: spec.relationshipName ?? null,
    ...(spec.inlineHelpText ? { inlineHelpText: spec.inlineHelpText } : {}),
    ...(spec.toolingId ? { toolingId: spec.toolingId } : {}),
    ...(spec.grantRequired === true ? { grantRequired: true } : {}),
    ...(spec.restricted === true ? { restricted: true } : {}),
  };
}

function systemFields(owned: boolean): SfField[] {
  return [
    field('Id', { type: 'id', label: 'Record ID', ...READ_ONLY }),
    field('IsDeleted', { type: 'boolean', label: 'Deleted', ...READ_ONLY }),
    ...(owned
      ? [
          field('OwnerId', {
            type: 'reference',
            label: 'Owner ID',
            referenceTo: ['User'],
            relationshipName: 'Owner',
            nillable: false,
            defaultedOnCreate: true,
          }),
        ]
      : []),
    field('CreatedDate', { type: 'datetime', label: 'Created Date', ...READ_ONLY }),
    field('CreatedById', { type: 'reference', label: 'Created By ID', referenceTo: ['User'], ...READ_ONLY }),
    field('LastModifiedDate', { type: 'datetime', label: 'Last Modified Date', ...READ_ONLY }),
    field('LastModifiedById', {
      type: 'reference',
      label: 'Last Modified By ID',
      referenceTo: ['User'],
      ...READ_ONLY,
    }),
    field('SystemModstamp', { type: 'datetime', label: 'System Modstamp', ...READ_ONLY }),
  ];
}

const req = { nillable: false } as const;
const ro = { createable: false, updateable: false } as const;
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const PARTNER_ROLES = [
  'System Integrator',
  'Agency',
  'Advertiser',
  'VAR/Reseller',
  'Distributor',
  'Developer',
  'Broker',
  'Lender',
  'Supplier',
  'Institution',
  'Contractor',
  'Dealer',
  'Consultant',
];

function standard(name: string, keyPrefix: string, plural: string, fields: SfField[]): SfObject {
  return {
    name,
    label: name,
    labelPlural: plural,
    keyPrefix,
    custom: false,
    fields: [...systemFields(true), ...fields],
  };
}

/** A setup object (no owner), such as PermissionSet. */
export function setupObject(name: string, keyPrefix: string, plural: string, fields: SfField[]): SfObject {
  return {
    name,
    label: name,
    labelPlural: plural,
    keyPrefix,
    custom: false,
    fields: [...systemFields(false), ...fields],
  };
}

/**
 * Set on the losers of a merge (which go to the recycle bin): the surviving record's id.
 * https://developer.salesforce.com/docs/platform/api/guide/sforce-api-calls-merge.html
 */
const masterRecordId = (target: string): SfField =>
  field('MasterRecordId', { type: 'reference', label: 'Master Record ID', referenceTo: [target], ...ro });

export function standardObjects(): SfObject[] {
  return [
    standard('Account', '001', 'Accounts', [
      field('Name', { type: 'string', label: 'Account Name', ...req }),
      field('Type', {
        type: 'picklist',
        picklistValues: [
          'Prospect',
          'Customer - Direct',
          'Customer - Channel',
          'Channel Partner / Reseller',
          'Installation Partner',
          'Technology Partner',
          'Other',
        ],
      }),
      field('Website', { type: 'url' }),
      field('Industry', {
        type: 'picklist',
        picklistValues: ['Technology', 'Finance', 'Manufacturing', 'Healthcare', 'Retail', 'Other'],
      }),
      field('Phone', { type: 'phone' }),
      // Billing address components (the compound BillingAddress is not modelled):
      // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_account.htm
      field('BillingStreet', { type: 'textarea' }),
      field('BillingCity', { type: 'string', length: 40 }),
      field('BillingState', { type: 'string', length: 80 }),
      field('BillingPostalCode', { type: 'string', length: 20 }),
      field('BillingCountry', { type: 'string', length: 80 }),
      field('NumberOfEmployees', { type: 'int', precision: 8 }),
      field('AnnualRevenue', { type: 'currency' }),
      field('IsPartner', { type: 'boolean', label: 'Partner' }),
      field('Partner_Tier__c', {
        type: 'picklist',
        label: 'Partner Tier',
        picklistValues: ['Platinum', 'Gold', 'Silver', 'Registered'],
      }),
      masterRecordId('Account'),
    ]),
    standard('Contact', '003', 'Contacts', [
      field('FirstName', { type: 'string', length: 40 }),
      field('LastName', { type: 'string', length: 80, ...req }),
      field('Name', { type: 'string', label: 'Full Name', length: 121, ...ro }),
      field('AccountId', { type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' }),
      field('Email', { type: 'email', length: 80 }),
      field('Phone', { type: 'phone', length: 40 }),
      // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_contact.htm
      field('MobilePhone', { type: 'phone', length: 40, label: 'Mobile Phone' }),
      field('Title', { type: 'string', length: 128 }),
      field('MailingStreet', { type: 'textarea', label: 'Mailing Street' }),
      field('MailingCity', { type: 'string', length: 40, label: 'Mailing City' }),
      field('MailingState', { type: 'string', length: 80, label: 'Mailing State/Province' }),
      field('MailingPostalCode', { type: 'string', length: 20, label: 'Mailing Zip/Postal Code' }),
      field('MailingCountry', { type: 'string', length: 80 }),
      field('LeadSource', { type: 'picklist', picklistValues: LEAD_SOURCES }),
      masterRecordId('Contact'),
    ]),
    standard('Lead', '00Q', 'Leads', [
      field('FirstName', { type: 'string', length: 40 }),
      field('LastName', { type: 'string', length: 80, ...req }),
      field('Name', { type: 'string', label: 'Full Name', length: 121, ...ro }),
      field('Company', { type: 'string', ...req }),
      field('Title', { type: 'string', length: 128 }),
      field('Email', { type: 'email', length: 80 }),
      field('Phone', { type: 'phone', length: 40 }),
      // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_lead.htm
      field('MobilePhone', { type: 'phone', length: 40, label: 'Mobile Phone' }),
      field('Website', { type: 'url' }),
      field('Street', { type: 'textarea' }),
      field('City', { type: 'string', length: 40 }),
      field('State', { type: 'string', length: 80, label: 'State/Province' }),
      field('PostalCode', { type: 'string', length: 20, label: 'Zip/Postal Code' }),
      field('Country', { type: 'string', length: 80 }),
      field('Status', {
        type: 'picklist',
        nillable: false,
        defaultedOnCreate: true,
        picklistValues: [
          'Open - Not Contacted',
          'Working - Contacted',
          'Closed - Converted',
          'Closed - Not Converted',
        ],
      }),
      field('LeadSource', { type: 'picklist', picklistValues: LEAD_SOURCES }),
      field('IsConverted', { type: 'boolean', label: 'Converted', ...ro }),
      field('ConvertedAccountId', { type: 'reference', referenceTo: ['Account'], ...ro }),
      field('ConvertedContactId', { type: 'reference', referenceTo: ['Contact'], ...ro }),
      field('ConvertedOpportunityId', { type: 'reference', referenceTo: ['Opportunity'], ...ro }),
      field('ConvertedDate', { type: 'date', label: 'Converted Date', ...ro }),
      masterRecordId('Lead'),
    ]),
    standard('Opportunity', '006', 'Opportunities', [
      field('Name', { type: 'string', length: 120, ...req }),
      field('AccountId', { type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' }),
      field('StageName', {
        type: 'picklist',
        label: 'Stage',
        ...req,
        picklistValues: [
          'Prospecting',
          'Qualification',
          'Proposal/Price Quote',
          'Negotiation/Review',
          'Closed Won',
          'Closed Lost',
        ],
      }),
      field('CloseDate', { type: 'date', ...req }),
      field('Amount', { type: 'currency' }),
      field('Probability', { type: 'percent', precision: 3 }),
      field('Type', {
        type: 'picklist',
        picklistValues: ['New Customer', 'Existing Customer - Upgrade', 'Existing Customer - Renewal'],
      }),
      field('LeadSource', { type: 'picklist', picklistValues: LEAD_SOURCES }),
      field('IsClosed', { type: 'boolean', label: 'Closed', ...ro }),
      field('IsWon', { type: 'boolean', label: 'Won', ...ro }),
    ]),
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_partner.htm
    standard('Partner', '00I', 'Partners', [
      field('AccountFromId', {
        type: 'reference',
        referenceTo: ['Account'],
        relationshipName: 'AccountFrom',
      }),
      field('AccountToId', {
        type: 'reference',
        referenceTo: ['Account'],
        relationshipName: 'AccountTo',
        ...req,
      }),
      field('OpportunityId', {
        type: 'reference',
        referenceTo: ['Opportunity'],
        relationshipName: 'Opportunity',
      }),
      field('Role', { type: 'picklist', picklistValues: PARTNER_ROLES }),
      field('IsPrimary', { type: 'boolean', label: 'Primary' }),
    ]),
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunitypartner.htm
    standard('OpportunityPartner', '00J', 'Opportunity Partners', [
      field('OpportunityId', {
        type: 'reference',
        referenceTo: ['Opportunity'],
        relationshipName: 'Opportunity',
        ...req,
      }),
      field('AccountToId', {
        type: 'reference',
        referenceTo: ['Account'],
        relationshipName: 'AccountTo',
        ...req,
      }),
      field('Role', { type: 'picklist', picklistValues: PARTNER_ROLES }),
      field('IsPrimary', { type: 'boolean', label: 'Primary' }),
    ]),
  ];
}

/** A custom object's standard fields (Name is a required Text(80) unless auto-numbered). */
export function customObject(
  name: string,
  label: string,
  plural: string,
  keyPrefix: string,
  toolingId: string,
  autoNumber: boolean,
): SfObject {
  const nameField = field('Name', {
    type: 'string',
    label: `${label} Name`,
    length: 80,
    custom: false,
    ...(autoNumber ? { ...ro, nillable: false, defaultedOnCreate: true } : { nillable: false }),
  });
  return {
    name,
    label,
    labelPlural: plural,
    keyPrefix,
    custom: true,
    toolingId,
    fields: [...systemFields(true), nameField],
  };
}

export function findField(obj: SfObject, name: string): SfField | undefined {
  const lower = name.toLowerCase();
  return obj.fields.find((f) => f.name.toLowerCase() === lower);
}

/** Fields a create must carry: not nillable, createable, not defaulted. */
export function requiredOnCreate(obj: SfObject): SfField[] {
  return obj.fields.filter((f) => !f.nillable && f.createable && !f.defaultedOnCreate);
}
