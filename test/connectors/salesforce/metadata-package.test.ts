import { describe, expect, it } from 'vitest';
import { salesforceDefaultSchema } from '../../../connectors/salesforce/default-schema.js';
import { buildSalesforceMetadataPackage } from '../../../connectors/salesforce/metadata-package.js';

describe('buildSalesforceMetadataPackage', () => {
  it('emits package.xml and one object file per object with the BRIEF §5 fields', () => {
    const files = buildSalesforceMetadataPackage(salesforceDefaultSchema(false), '62.0');
    expect(Object.keys(files).sort()).toEqual([
      'objects/Account.object-meta.xml',
      'objects/Contact.object-meta.xml',
      'objects/Lead.object-meta.xml',
      'objects/Opportunity.object-meta.xml',
      'objects/PS_Deal_Registration__c.object-meta.xml',
      'objects/PS_Partner_Attribution__c.object-meta.xml',
      'package.xml',
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
});
