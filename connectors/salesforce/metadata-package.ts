import type { SchemaSpec } from '../port.js';
import type { MetadataObject, MetadataValue } from './field-metadata.js';
import { fieldMetadata, objectMetadata } from './field-metadata.js';
import { permissionSetPlans, type PermissionSetPlan } from './permission-plan.js';

/**
 * Pure: a SchemaSpec → a deployable Metadata API package (file path → content) for admins who
 * deploy with their own tools. https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_types_list.htm
 */

const NS = 'http://soap.sforce.com/2006/04/metadata';

function esc(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function xml(name: string, value: MetadataValue, indent: string): string {
  if (Array.isArray(value)) return value.map((v: MetadataValue) => xml(name, v, indent)).join('');
  if (typeof value === 'object') {
    const inner = Object.entries(value as MetadataObject)
      .map(([k, v]) => xml(k, v, `${indent}    `))
      .join('');
    return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${esc(String(value))}</${name}>\n`;
}

function objectFile(body: MetadataObject): string {
  const inner = Object.entries(body)
    .map(([k, v]) => xml(k, v, '    '))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="${NS}">\n${inner}</CustomObject>\n`;
}

/**
 * The permission sets that grant what the package creates (a deploy gives new fields no field-level
 * security). Assigning the integration set to the integration user is a step after the deploy.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_permissionset.htm
 */
function permissionSetFile(plan: PermissionSetPlan): string {
  const body: MetadataObject = {
    description: plan.description,
    fieldPermissions: plan.fields.map((f) => ({ editable: f.edit, field: f.field, readable: f.read })),
    hasActivationRequired: false,
    label: plan.label,
    objectPermissions: plan.objects.map((o) => ({
      allowCreate: o.create,
      allowDelete: o.delete,
      allowEdit: o.edit,
      allowRead: o.read,
      modifyAllRecords: false,
      object: o.sobjectType,
      viewAllRecords: o.viewAll,
    })),
  };
  const inner = Object.entries(body)
    .map(([k, v]) => xml(k, v, '    '))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="${NS}">\n${inner}</PermissionSet>\n`;
}

export function buildSalesforceMetadataPackage(spec: SchemaSpec, apiVersion: string): Record<string, string> {
  const files: Record<string, string> = {};
  const objectNames: string[] = [];
  const fieldNames: string[] = [];
  const fieldsXml = (obj: string, fields: SchemaSpec['fields'][string]): MetadataObject[] =>
    (fields ?? []).map((f) => {
      fieldNames.push(`${obj}.${f.name}`);
      return { fullName: f.name, ...fieldMetadata(obj, f) };
    });
  for (const obj of spec.customObjects) {
    objectNames.push(obj.name);
    files[`objects/${obj.name}.object-meta.xml`] = objectFile({
      ...objectMetadata(obj),
      fields: fieldsXml(obj.name, obj.fields),
    });
  }
  for (const [obj, fields] of Object.entries(spec.fields)) {
    objectNames.push(obj);
    files[`objects/${obj}.object-meta.xml`] = objectFile({ fields: fieldsXml(obj, fields) });
  }
  const plans = permissionSetPlans(spec);
  for (const plan of plans)
    files[`permissionsets/${plan.name}.permissionset-meta.xml`] = permissionSetFile(plan);
  const members = (names: string[]): string =>
    names.map((n) => `        <members>${esc(n)}</members>\n`).join('');
  files['package.xml'] =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="${NS}">\n` +
    `    <types>\n${members(objectNames)}        <name>CustomObject</name>\n    </types>\n` +
    `    <types>\n${members(fieldNames)}        <name>CustomField</name>\n    </types>\n` +
    `    <types>\n${members(plans.map((p) => p.name))}        <name>PermissionSet</name>\n    </types>\n` +
    `    <version>${esc(apiVersion)}</version>\n</Package>\n`;
  return files;
}
