import type { SchemaSpec } from '../port.js';
import type { MetadataObject } from './field-metadata.js';
import { fieldMetadata, objectMetadata } from './field-metadata.js';
import { attributionLayout, attributionReportType } from './metadata-attribution.js';
import { metadataFile, packageXml } from './metadata-xml.js';
import { permissionSetPlans, type PermissionSetPlan } from './permission-plan.js';

/**
 * Pure: a SchemaSpec → a deployable Metadata API package (file path → content) for admins who
 * deploy with their own tools. https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_types_list.htm
 */

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
  return metadataFile('PermissionSet', body);
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
    files[`objects/${obj.name}.object-meta.xml`] = metadataFile('CustomObject', {
      ...objectMetadata(obj),
      fields: fieldsXml(obj.name, obj.fields),
    });
  }
  for (const [obj, fields] of Object.entries(spec.fields)) {
    objectNames.push(obj);
    files[`objects/${obj}.object-meta.xml`] = metadataFile('CustomObject', {
      fields: fieldsXml(obj, fields),
    });
  }
  const plans = permissionSetPlans(spec);
  for (const plan of plans)
    files[`permissionsets/${plan.name}.permissionset-meta.xml`] = permissionSetFile(plan);
  const layout = attributionLayout(spec);
  files[`layouts/${layout.name}.layout-meta.xml`] = metadataFile('Layout', layout.body);
  const report = attributionReportType(spec);
  files[`reportTypes/${report.name}.reportType-meta.xml`] = metadataFile('ReportType', report.body);
  files['package.xml'] = packageXml(
    [
      ['CustomObject', objectNames],
      ['CustomField', fieldNames],
      ['Layout', [layout.name]],
      ['PermissionSet', plans.map((p) => p.name)],
      ['ReportType', [report.name]],
    ],
    apiVersion,
  );
  return files;
}
