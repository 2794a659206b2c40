import { describe, expect, it } from 'vitest';
import { hubspotDefaultSchema } from '../../connectors/hubspot/default-schema.js';
import { hubspotProperty } from '../../connectors/hubspot/property-definition.js';
import type { SchemaSpec } from '../../connectors/port.js';
import { salesforceDefaultSchema } from '../../connectors/salesforce/default-schema.js';
import { fieldMetadata } from '../../connectors/salesforce/field-metadata.js';
import { WHY_LINK_HELP } from '../../connectors/why-link-field.js';

/** Every object that carries a "Why?" field, as `object.field`. */
function whyFields(spec: SchemaSpec): string[] {
  const all = [
    ...Object.entries(spec.fields).flatMap(([o, fs]) => fs.map((f) => ({ o, f }))),
    ...spec.customObjects.flatMap((obj) => obj.fields.map((f) => ({ o: obj.name, f }))),
  ];
  return all.filter(({ f }) => f.kind === 'url').map(({ o, f }) => `${o}.${f.name}`);
}

describe('"Why?" link fields', () => {
  it('Salesforce: a URL field with help text on leads, contacts, opportunities and registrations', () => {
    const spec = salesforceDefaultSchema(false);
    expect(whyFields(spec).sort()).toEqual([
      'Contact.PS_Why_Link__c',
      'Lead.PS_Why_Link__c',
      'Opportunity.PS_Why_Link__c',
      'PS_Deal_Registration__c.Why_Link__c',
    ]);
    const field = spec.fields.Lead?.find((f) => f.name === 'PS_Why_Link__c');
    // Url takes no length: Salesforce fixes it at 255 characters.
    expect(field && fieldMetadata('Lead', field)).toEqual({
      label: 'Why?',
      inlineHelpText: WHY_LINK_HELP,
      type: 'Url',
    });
    expect(WHY_LINK_HELP.length).toBeLessThanOrEqual(510);
  });

  it('HubSpot: a text string property with a description on contacts, deals and registrations', () => {
    const spec = hubspotDefaultSchema(false);
    expect(whyFields(spec).sort()).toEqual([
      'contacts.ps_why_link',
      'deals.ps_why_link',
      'ps_deal_registration.ps_why_link',
    ]);
    const field = spec.fields.deals?.find((f) => f.name === 'ps_why_link');
    expect(field && hubspotProperty(field)).toEqual({
      name: 'ps_why_link',
      label: 'Why?',
      groupName: 'partnersync',
      description: WHY_LINK_HELP,
      type: 'string',
      fieldType: 'text',
    });
  });
});
