/** HubSpot object types and property definitions (CRM v3 properties API shapes). */
export type HsPropertyType =
  'bool' | 'date' | 'datetime' | 'enumeration' | 'number' | 'phone_number' | 'string';

export interface HsOption {
  readonly label: string;
  readonly value: string;
  readonly displayOrder: number;
  readonly hidden: boolean;
  readonly description?: string | undefined;
}

export interface HsProperty {
  readonly name: string;
  readonly label: string;
  readonly type: HsPropertyType;
  readonly fieldType: string;
  readonly groupName: string;
  readonly description: string;
  readonly options: readonly HsOption[];
  readonly displayOrder: number;
  readonly hasUniqueValue: boolean;
  readonly hidden: boolean;
  readonly formField: boolean;
  readonly hubspotDefined: boolean;
  readonly readOnlyValue: boolean;
  readonly createdAt: number;
}

export interface HsGroup {
  readonly name: string;
  readonly label: string;
  readonly displayOrder: number;
}

export interface HsObjectType {
  /** Plural name used in URLs (`contacts`) or the custom object's name. */
  readonly name: string;
  readonly singular: string;
  readonly objectTypeId: string;
  readonly custom: boolean;
  readonly properties: Map<string, HsProperty>;
  readonly groups: Map<string, HsGroup>;
  readonly defaultProperties: readonly string[];
  readonly lastModifiedProperty: 'lastmodifieddate' | 'hs_lastmodifieddate';
  /** Custom object schema bits. */
  readonly labels?: { readonly singular: string; readonly plural: string };
  readonly fullyQualifiedName?: string;
  readonly requiredProperties?: readonly string[];
  readonly primaryDisplayProperty?: string | undefined;
  readonly associatedObjects?: readonly string[];
  readonly createdAt?: number;
}

export function prop(
  name: string,
  type: HsPropertyType,
  groupName: string,
  extra: Partial<HsProperty> = {},
): HsProperty {
  const fieldType = {
    bool: 'booleancheckbox',
    date: 'date',
    datetime: 'date',
    enumeration: 'select',
    number: 'number',
    phone_number: 'phonenumber',
    string: 'text',
  }[type];
  return {
    name,
    type,
    groupName,
    fieldType,
    label: name.replace(/^hs_/, '').replace(/_/g, ' '),
    description: '',
    options: [],
    displayOrder: -1,
    hasUniqueValue: false,
    hidden: false,
    formField: true,
    hubspotDefined: true,
    readOnlyValue: false,
    createdAt: 0,
    ...extra,
  };
}

const opts = (...values: string[]): HsOption[] =>
  values.map((v, i) => ({ label: v, value: v, displayOrder: i, hidden: false }));
const system = (lastMod: HsObjectType['lastModifiedProperty'], group: string): HsProperty[] => [
  prop('hs_object_id', 'number', group, { readOnlyValue: true, label: 'Record ID' }),
  prop('createdate', 'datetime', group, { readOnlyValue: true, label: 'Create Date' }),
  prop(lastMod, 'datetime', group, { readOnlyValue: true, label: 'Last Modified Date' }),
  // The user who last changed the record (empty for changes made by an app).
  prop('hs_updated_by_user_id', 'number', group, { readOnlyValue: true, label: 'Updated by user ID' }),
  prop('hubspot_owner_id', 'enumeration', group, { label: 'Owner' }),
  // The ids a record absorbed by merges, semicolon-separated (HubSpot/hubspot-api-nodejs#6).
  prop('hs_merged_object_ids', 'enumeration', group, { readOnlyValue: true, label: 'Merged record IDs' }),
];

function objectType(
  name: string,
  singular: string,
  objectTypeId: string,
  group: string,
  lastMod: HsObjectType['lastModifiedProperty'],
  defaults: string[],
  props: HsProperty[],
): HsObjectType {
  return {
    name,
    singular,
    objectTypeId,
    custom: false,
    properties: new Map([...system(lastMod, group), ...props].map((p) => [p.name, p])),
    groups: new Map([[group, { name: group, label: group.replace(/_/g, ' '), displayOrder: 0 }]]),
    defaultProperties: [...defaults, 'createdate', lastMod, 'hs_object_id'],
    lastModifiedProperty: lastMod,
  };
}

export function standardTypes(): HsObjectType[] {
  return [
    objectType(
      'contacts',
      'contact',
      '0-1',
      'contactinformation',
      'lastmodifieddate',
      ['email', 'firstname', 'lastname'],
      [
        prop('email', 'string', 'contactinformation', { hasUniqueValue: true }),
        prop('firstname', 'string', 'contactinformation'),
        prop('lastname', 'string', 'contactinformation'),
        prop('phone', 'string', 'contactinformation', { fieldType: 'phonenumber' }),
        // https://knowledge.hubspot.com/properties/hubspots-default-contact-properties
        prop('mobilephone', 'string', 'contactinformation', {
          fieldType: 'phonenumber',
          label: 'Mobile Phone Number',
        }),
        prop('company', 'string', 'contactinformation'),
        prop('website', 'string', 'contactinformation', { label: 'Website URL' }),
        prop('jobtitle', 'string', 'contactinformation'),
        prop('address', 'string', 'contactinformation', { label: 'Street Address' }),
        prop('city', 'string', 'contactinformation'),
        prop('state', 'string', 'contactinformation', { label: 'State/Region' }),
        prop('zip', 'string', 'contactinformation', { label: 'Postal Code' }),
        prop('country', 'string', 'contactinformation'),
        prop('hs_country_region_code', 'string', 'contactinformation', { label: 'Country/Region Code' }),
        prop('associatedcompanyid', 'number', 'contactinformation', {
          label: 'Primary Associated Company ID',
        }),
        prop('lifecyclestage', 'enumeration', 'contactinformation', {
          fieldType: 'radio',
          options: opts(
            'subscriber',
            'lead',
            'marketingqualifiedlead',
            'salesqualifiedlead',
            'opportunity',
            'customer',
            'evangelist',
            'other',
          ),
        }),
        prop('hs_lead_status', 'enumeration', 'contactinformation', {
          options: opts('NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'CONNECTED'),
        }),
      ],
    ),
    objectType(
      'companies',
      'company',
      '0-2',
      'companyinformation',
      'hs_lastmodifieddate',
      ['name', 'domain'],
      [
        prop('name', 'string', 'companyinformation'),
        prop('domain', 'string', 'companyinformation'),
        // https://knowledge.hubspot.com/properties/hubspot-crm-default-company-properties
        prop('website', 'string', 'companyinformation', { label: 'Website URL' }),
        prop('industry', 'string', 'companyinformation'),
        prop('address', 'string', 'companyinformation', { label: 'Street Address' }),
        prop('city', 'string', 'companyinformation'),
        prop('state', 'string', 'companyinformation', { label: 'State/Region' }),
        prop('zip', 'string', 'companyinformation', { label: 'Postal Code' }),
        prop('country', 'string', 'companyinformation'),
        prop('hs_country_code', 'string', 'companyinformation', { label: 'Country/Region Code' }),
        prop('phone', 'string', 'companyinformation', { fieldType: 'phonenumber' }),
        prop('numberofemployees', 'number', 'companyinformation'),
        prop('type', 'enumeration', 'companyinformation', {
          options: opts('PROSPECT', 'PARTNER', 'RESELLER', 'VENDOR', 'OTHER'),
        }),
        prop('partner_tier', 'enumeration', 'companyinformation', {
          hubspotDefined: false,
          label: 'Partner tier',
          options: opts('platinum', 'gold', 'silver', 'registered'),
        }),
      ],
    ),
    objectType(
      'deals',
      'deal',
      '0-3',
      'dealinformation',
      'hs_lastmodifieddate',
      ['dealname', 'amount', 'closedate', 'pipeline', 'dealstage'],
      [
        prop('dealname', 'string', 'dealinformation'),
        prop('amount', 'number', 'dealinformation'),
        // https://knowledge.hubspot.com/properties/hubspots-default-deal-properties
        // (options: the portal's currencies, https://knowledge.hubspot.com/object-settings/set-up-and-use-multiple-currencies)
        prop('deal_currency_code', 'enumeration', 'dealinformation', {
          label: 'Currency',
          options: opts('USD', 'EUR', 'GBP'),
        }),
        prop('closedate', 'datetime', 'dealinformation'),
        prop('pipeline', 'enumeration', 'dealinformation', {
          options: opts('default', 'partner_registrations'),
        }),
        prop('dealstage', 'enumeration', 'dealinformation', {
          options: opts(
            'appointmentscheduled',
            'qualifiedtobuy',
            'presentationscheduled',
            'decisionmakerboughtin',
            'contractsent',
            'closedwon',
            'closedlost',
            'registration_submitted',
            'registration_approved',
            'registration_rejected',
          ),
        }),
        prop('dealtype', 'enumeration', 'dealinformation', {
          options: opts('newbusiness', 'existingbusiness'),
        }),
      ],
    ),
  ];
}

/** Object type ids used in association responses and webhooks. */
export const STANDARD_TYPE_IDS: Readonly<Record<string, string>> = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
};
