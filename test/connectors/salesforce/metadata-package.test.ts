import { describe, expect, it } from 'vitest';
import { salesforceDefaultSchema } from '../../../connectors/salesforce/default-schema.js';
import { buildSalesforceMetadataPackage } from '../../../connectors/salesforce/metadata-package.js';

describe('buildSalesforceMetadataPackage', () => {
  it('emits package.xml and one object file per object with the fields of docs/crm-contract.md', () => {
    const files = buildSalesforceMetadataPackage(salesforceDefaultSchema(false), '62.0');
    expect(Object.keys(files).sort()).toEqual([
      'layouts/Opportunity-PartnerSync Opportunity Layout.layout-meta.xml',
      'objects/Account.object-meta.xml',
      'objects/Contact.object-meta.xml',
      'objects/Lead.object-meta.xml',
      'objects/Opportunity.object-meta.xml',
      'objects/PS_Deal_Registration__c.object-meta.xml',
      'objects/PS_Partner_Attribution__c.object-meta.xml',
      'package.xml',
      'permissionsets/PartnerSync_Integration.permissionset-meta.xml',
      'permissionsets/PartnerSync_Read_Only.permissionset-meta.xml',
      'reportTypes/PS_Opportunities_with_Partner_Attributions.reportType-meta.xml',
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

  it('puts the attribution rows on an Opportunity layout and in a report type, with help text on fields', () => {
    const files = buildSalesforceMetadataPackage(salesforceDefaultSchema(false), '62.0');
    const layout = files['layouts/Opportunity-PartnerSync Opportunity Layout.layout-meta.xml'] ?? '';
    expect(layout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Layout xmlns="http:\/\/soap.sforce.com\/2006\/04\/metadata">/,
    );
    expect(layout).toContain(
      '    <relatedLists>\n        <fields>NAME</fields>\n        <fields>Partner__c</fields>\n        <fields>Role__c</fields>\n        <fields>Credit_Percent__c</fields>\n        <fields>Credited_Amount__c</fields>\n        <fields>Model__c</fields>\n        <relatedList>PS_Partner_Attribution__c.Opportunity__c</relatedList>',
    );
    expect(layout).toMatch(/<behavior>Readonly<\/behavior>\s*<field>PS_Attribution_Model__c<\/field>/);
    const report = files['reportTypes/PS_Opportunities_with_Partner_Attributions.reportType-meta.xml'] ?? '';
    expect(report).toContain('<baseObject>Opportunity</baseObject>');
    expect(report).toContain('<category>opportunities</category>');
    // The child relationship of the attribution object's Opportunity lookup, as the object file names it.
    const attribution = files['objects/PS_Partner_Attribution__c.object-meta.xml'] ?? '';
    const rel =
      /<fullName>Opportunity__c<\/fullName>[\s\S]*?<relationshipName>(\w+)<\/relationshipName>/.exec(
        attribution,
      )?.[1];
    expect(rel).toBe('PS_Partner_Attribution_Opportunity');
    expect(report).toContain(
      `<join>\n        <outerJoin>false</outerJoin>\n        <relationship>${rel ?? ''}__r</relationship>\n    </join>`,
    );
    expect(report).toContain(
      `<field>Credit_Percent__c</field>\n            <table>Opportunity.${rel ?? ''}__r</table>`,
    );
    expect(files['package.xml']).toMatch(
      /<members>Opportunity-PartnerSync Opportunity Layout<\/members>\s*<name>Layout<\/name>/,
    );
    expect(files['package.xml']).toMatch(
      /<members>PS_Opportunities_with_Partner_Attributions<\/members>\s*<name>ReportType<\/name>/,
    );
    expect(files['objects/Lead.object-meta.xml']).toContain(
      '<fullName>PS_Duplicate_Of_Lead__c</fullName>\n        <label>Duplicate Of Lead</label>\n        <inlineHelpText>Set by partnersync: the lead this record duplicates',
    );
  });
});
