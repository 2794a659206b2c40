import { describe, expect, it } from 'vitest';
import { salesforceDefaultSchema } from '../../../connectors/salesforce/default-schema.js';
import { buildSalesforceMetadataPackage } from '../../../connectors/salesforce/metadata-package.js';

describe('buildSalesforceMetadataPackage', () => {
  it('emits package.xml and one object file per object with the fields of docs/crm-contract.md', () => {
    const files = buildSalesforceMetadataPackage(salesforceDefaultSchema(false), '62.0');
    expect(Object.keys(files).sort()).toEqual([
      'objects/Account.object-meta.xml',
      'objects/Contact.object-meta.xml',
      'objects/Lead.object-meta.xml',
      'objects/Opportunity.object-meta.xml',
      'objects/PS_Deal_Registration__c.object-meta.xml',
      'objects/PS_Partner_Attribution__c.object-meta.xml',
      'package.xml',
      'permissionsets/PartnerSync_Integration.permissionset-meta.xml',
      'permissionsets/PartnerSync_Read_Only.permissionset-meta.xml',
    ]);
    expect(files['package.xml']).toContain('<members>Lead.PS_Duplicate_Of__c</members>');
    expect(files['package.xml']).toContain('<version>62.0</version>');
    const attribution = files['objects/PS_Partner_Attribution__c.object-meta.xml'] ?? '';
    expect(attribution).toMatch(
      /<fullName>External_Key__c<\/fullName>[\s\S]*<externalId>true<\/externalId>[\s\S]*<unique>true<\/unique>/,
    );
    expect(files['objects/Lead.object-meta.xml']).toContain('<fullName>Possible Duplicate</fullName>');
    // The partner profile the default mapping reads (objects.partner).
    expect(files['package.xml']).toContain('<members>Account.PS_Partner_Tier__c</members>');
  });

  it('grants every field it creates: read and edit for the integration user, read only for reps', () => {
    const spec = salesforceDefaultSchema(false);
    const files = buildSalesforceMetadataPackage(spec, '62.0');
    const integration = files['permissionsets/PartnerSync_Integration.permissionset-meta.xml'] ?? '';
    const reps = files['permissionsets/PartnerSync_Read_Only.permissionset-meta.xml'] ?? '';
    const fields = [
      ...spec.customObjects.flatMap((o) => o.fields.map((f) => `${o.name}.${f.name}`)),
      ...Object.entries(spec.fields).flatMap(([o, fs]) => fs.map((f) => `${o}.${f.name}`)),
    ];
    const grant = (xml: string, field: string, edit: boolean): boolean =>
      xml.includes(
        `<editable>${String(edit)}</editable>\n        <field>${field}</field>\n        <readable>true</readable>`,
      );
    expect(fields.filter((f) => !grant(integration, f, true))).toEqual([]);
    expect(fields.filter((f) => !grant(reps, f, false))).toEqual([]);
    expect(integration).toMatch(
      /<allowCreate>true<\/allowCreate>[\s\S]*?<object>PS_Deal_Registration__c<\/object>\s*<viewAllRecords>true/,
    );
    expect(reps).not.toContain('<allowEdit>true</allowEdit>');
    expect(files['package.xml']).toMatch(
      /<members>PartnerSync_Integration<\/members>\s*<members>PartnerSync_Read_Only<\/members>\s*<name>PermissionSet<\/name>/,
    );
  });
});
