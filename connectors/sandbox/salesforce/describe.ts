import type { SfField, SfObject } from './schema.js';

/** Describe output, trimmed to what clients read; shapes per the REST API's DescribeSObjectResult. */
export function describeField(f: SfField): Record<string, unknown> {
  return {
    name: f.name,
    label: f.label,
    inlineHelpText: f.inlineHelpText ?? null,
    type: f.type,
    length: f.length,
    precision: f.precision,
    scale: f.scale,
    digits: f.type === 'int' ? f.precision : 0,
    custom: f.custom,
    externalId: f.externalId,
    unique: f.unique,
    nillable: f.nillable,
    createable: f.createable,
    updateable: f.updateable,
    defaultedOnCreate: f.defaultedOnCreate,
    calculated: false,
    idLookup: f.type === 'id' || f.externalId || f.name === 'Email',
    filterable: true,
    sortable: f.type !== 'textarea',
    caseSensitive: false,
    picklistValues: f.picklistValues.map((v, i) => ({
      active: true,
      defaultValue: i === 0 && !f.nillable,
      label: v,
      validFor: null,
      value: v,
    })),
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    soapType:
      f.type === 'id' || f.type === 'reference'
        ? 'tns:ID'
        : f.type === 'boolean'
          ? 'xsd:boolean'
          : f.type === 'datetime'
            ? 'xsd:dateTime'
            : f.type === 'date'
              ? 'xsd:date'
              : ['double', 'currency', 'percent'].includes(f.type)
                ? 'xsd:double'
                : f.type === 'int'
                  ? 'xsd:int'
                  : 'xsd:string',
  };
}

function urls(version: string, o: SfObject): Record<string, string> {
  const base = `/services/data/${version}/sobjects/${o.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

export function describeGlobalEntry(version: string, o: SfObject): Record<string, unknown> {
  return {
    name: o.name,
    label: o.label,
    labelPlural: o.labelPlural,
    keyPrefix: o.keyPrefix,
    custom: o.custom,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    searchable: true,
    layoutable: true,
    replicateable: true,
    retrieveable: true,
    undeletable: true,
    urls: urls(version, o),
  };
}

export function describeObject(version: string, o: SfObject): Record<string, unknown> {
  return {
    ...describeGlobalEntry(version, o),
    fields: o.fields.map(describeField),
    childRelationships: [],
    recordTypeInfos: [],
  };
}
