import type { FieldSpec, SchemaSpec } from './port.js';

/** Help text of every "Why?" field (Salesforce allows 510 characters). */
export const WHY_LINK_HELP =
  'Opens a read-only page that explains how partnersync decided this record: the evidence, a timeline ' +
  'and, for deals, the partner credit split. No login needed; the link shows this record only.';

/** A "Why?" link field: a URL field in Salesforce, a text property in HubSpot. */
export function whyLinkField(name: string): FieldSpec {
  return { name, label: 'Why?', kind: 'url', help: WHY_LINK_HELP };
}

/** Where each CRM keeps the link: per standard object, and per custom object we create. */
export interface WhyLinkPlacement {
  readonly objects: Readonly<Record<string, string>>;
  readonly customObjects: Readonly<Record<string, string>>;
}

/** The schema with a "Why?" field added to each decided object; other objects are left as they are. */
export function withWhyLinkFields(schema: SchemaSpec, placement: WhyLinkPlacement): SchemaSpec {
  const fields = Object.fromEntries(
    Object.entries(schema.fields).map(([object, list]) => {
      const name = placement.objects[object];
      return [object, name === undefined ? list : [...list, whyLinkField(name)]];
    }),
  );
  const customObjects = schema.customObjects.map((o) => {
    const name = placement.customObjects[o.name];
    return name === undefined ? o : { ...o, fields: [...o.fields, whyLinkField(name)] };
  });
  return { ...schema, fields, customObjects };
}

/** Salesforce: https://help.salesforce.com/s/articleView?id=sf.custom_field_types.htm (URL, 255 characters). */
export const SALESFORCE_WHY_LINKS: WhyLinkPlacement = {
  objects: { Lead: 'PS_Why_Link__c', Contact: 'PS_Why_Link__c', Opportunity: 'PS_Why_Link__c' },
  customObjects: { PS_Deal_Registration__c: 'Why_Link__c' },
};

/** HubSpot: https://developers.hubspot.com/docs/api/crm/properties (type string, fieldType text). */
export const HUBSPOT_WHY_LINKS: WhyLinkPlacement = {
  objects: { contacts: 'ps_why_link', deals: 'ps_why_link' },
  customObjects: { ps_deal_registration: 'ps_why_link' },
};
