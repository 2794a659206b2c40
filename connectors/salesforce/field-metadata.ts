import type { FieldSpec, ObjectSpec } from '../port.js';

/**
 * FieldSpec → Salesforce CustomField metadata, shared by the Tooling API calls and the deployable
 * package. https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm
 */
export type MetadataValue = string | number | boolean | MetadataObject | readonly MetadataValue[];
export interface MetadataObject {
  readonly [key: string]: MetadataValue;
}

/** A lookup's relationship name; unique per target object (its child relationship is `<name>__r`). */
export function relationshipName(objectName: string, fieldName: string): string {
  return `${objectName.replace(/__c$/, '')}_${fieldName.replace(/__c$/, '')}`.slice(0, 40);
}

export function fieldMetadata(objectName: string, field: FieldSpec): MetadataObject {
  const base = { label: field.label, ...(field.help === undefined ? {} : { inlineHelpText: field.help }) };
  switch (field.kind) {
    case 'text':
      return {
        ...base,
        type: 'Text',
        length: field.length ?? 255,
        ...(field.externalId === true ? { externalId: true } : {}),
        ...(field.unique === true ? { unique: true, caseSensitive: false } : {}),
      };
    case 'textarea':
      return { ...base, type: 'LongTextArea', length: field.length ?? 32768, visibleLines: 5 };
    case 'number':
      return { ...base, type: 'Number', precision: field.precision ?? 18, scale: field.scale ?? 2 };
    case 'percent':
      return { ...base, type: 'Percent', precision: field.precision ?? 3, scale: field.scale ?? 0 };
    case 'checkbox':
      return { ...base, type: 'Checkbox', defaultValue: 'false' };
    case 'date':
      return { ...base, type: 'Date' };
    case 'datetime':
      return { ...base, type: 'DateTime' };
    // A URL field holds up to 255 characters and shows as a link; it takes no length.
    // https://help.salesforce.com/s/articleView?id=sf.custom_field_types.htm
    case 'url':
      return { ...base, type: 'Url' };
    case 'picklist':
      return {
        ...base,
        type: 'Picklist',
        valueSet: {
          restricted: true,
          valueSetDefinition: {
            sorted: false,
            value: (field.options ?? []).map((v) => ({ fullName: v, label: v, default: false })),
          },
        },
      };
    case 'lookup':
      return {
        ...base,
        type: 'Lookup',
        referenceTo: field.referenceTo ?? 'Account',
        relationshipName: relationshipName(objectName, field.name),
        deleteConstraint: 'SetNull',
      };
  }
}

/** https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customobject.htm */
export function objectMetadata(obj: ObjectSpec): MetadataObject {
  return {
    label: obj.label,
    pluralLabel: obj.pluralLabel,
    nameField: { type: 'AutoNumber', label: `${obj.label} Number`, displayFormat: 'PS-{000000}' },
    deploymentStatus: 'Deployed',
    sharingModel: 'ReadWrite',
  };
}
