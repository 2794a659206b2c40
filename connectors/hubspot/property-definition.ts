import type { FieldSpec, ObjectSpec } from '../port.js';

/** Request bodies for HubSpot properties and custom object schemas, from our neutral specs. */

export const GROUP = 'partnersync';

// https://developers.hubspot.com/docs/api/crm/properties — type/fieldType pairs
export function hubspotProperty(f: FieldSpec): Record<string, unknown> {
  const base = {
    name: f.name,
    label: f.label,
    ...(f.help === undefined ? {} : { description: f.help }),
    groupName: GROUP,
    ...(f.unique === true ? { hasUniqueValue: true } : {}),
  };
  switch (f.kind) {
    case 'number':
      return { ...base, type: 'number', fieldType: 'number' };
    case 'percent':
      // A whole percentage (97 for 97 %), shown as a number: HubSpot has no percent type.
      return { ...base, type: 'number', fieldType: 'number' };
    case 'checkbox':
      return {
        ...base,
        type: 'bool',
        fieldType: 'booleancheckbox',
        options: [
          { label: 'Yes', value: 'true' },
          { label: 'No', value: 'false' },
        ],
      };
    case 'picklist':
      return {
        ...base,
        type: 'enumeration',
        fieldType: 'select',
        options: (f.options ?? []).map((v, i) => ({ label: v, value: v, displayOrder: i })),
      };
    case 'date':
      return { ...base, type: 'date', fieldType: 'date' };
    case 'datetime':
      return { ...base, type: 'datetime', fieldType: 'date' };
    case 'textarea':
      return { ...base, type: 'string', fieldType: 'textarea' };
    // HubSpot has no URL property type: a single-line text string, which the record page shows as
    // text (reps copy or click it where the portal autolinks). https://developers.hubspot.com/docs/api/crm/properties
    case 'url':
      return { ...base, type: 'string', fieldType: 'text' };
    default:
      return { ...base, type: 'string', fieldType: 'text' };
  }
}

/** The unique key property of a custom object: its primary display property. */
export function keyProperty(obj: ObjectSpec): FieldSpec | undefined {
  return obj.fields.find((f) => f.unique === true) ?? obj.fields[0];
}

/**
 * A schema created with its key property only; the other properties are added one by one afterwards,
 * so a first run and an upgrade take the same path and report every property.
 * https://developers.hubspot.com/docs/api/crm/crm-custom-objects
 */
export function schemaBody(obj: ObjectSpec): Record<string, unknown> {
  const key = keyProperty(obj);
  const keyName = key?.name ?? 'ps_external_key';
  return {
    name: obj.name,
    labels: { singular: obj.label, plural: obj.pluralLabel },
    primaryDisplayProperty: keyName,
    requiredProperties: [keyName],
    searchableProperties: [keyName],
    properties: (key === undefined ? [] : [key]).map((f) =>
      Object.fromEntries(Object.entries(hubspotProperty(f)).filter(([k]) => k !== 'groupName')),
    ),
    associatedObjects: obj.associatedObjects ?? [],
  };
}
