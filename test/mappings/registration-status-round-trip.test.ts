import { describe, expect, it } from 'vitest';
import { hubspotDefaultSchema } from '../../connectors/hubspot/default-schema.js';
import type { SchemaSpec } from '../../connectors/port.js';
import { salesforceDefaultSchema } from '../../connectors/salesforce/default-schema.js';
import { mapRecord } from '../../mappings/engine.js';
import { planWriteBack } from '../../mappings/plan-write-back.js';
import { RegistrationStatus } from '../../src/domain/entities.js';
import { toMappingRecord } from '../../src/ingest/ingest-records.js';
import { loadDefaultMapping } from './load-default.js';

/** The CRM record a registration is read back from, in the shape the pipeline hands to the mapping. */
const CASES = [
  {
    provider: 'salesforce',
    objectType: 'PS_Deal_Registration__c',
    schema: salesforceDefaultSchema(false),
    record: (fields: Record<string, unknown>) =>
      toMappingRecord(loadDefaultMapping('salesforce'), {
        objectType: 'PS_Deal_Registration__c',
        id: 'a01000000000001AAA',
        fields: {
          Partner__c: '001000000000001AAA',
          Customer_Company__c: 'Acme',
          CreatedDate: '2026-01-01T00:00:00.000+0000',
          ...fields,
        },
        modifiedAt: '2026-01-02T00:00:00.000Z',
        deleted: false,
      }),
  },
  {
    provider: 'hubspot',
    objectType: 'ps_deal_registration',
    schema: hubspotDefaultSchema(false),
    record: (fields: Record<string, unknown>) =>
      toMappingRecord(loadDefaultMapping('hubspot'), {
        objectType: 'ps_deal_registration',
        id: '7001',
        fields: {
          ps_partner_id: '9500',
          ps_customer_company: 'Acme',
          createdate: '2026-01-01T00:00:00.000Z',
          ...fields,
        },
        modifiedAt: '2026-01-02T00:00:00.000Z',
        deleted: false,
      }),
  },
] as const;

function statusOptions(schema: SchemaSpec, object: string, field: string): readonly string[] | undefined {
  return schema.customObjects.find((o) => o.name === object)?.fields.find((f) => f.name === field)?.options;
}

describe.each(CASES)(
  'registration status round trip ($provider)',
  ({ provider, objectType, schema, record }) => {
    const mapping = loadDefaultMapping(provider);

    it.each(RegistrationStatus.options)('%s: write-back value → read back → same status', (status) => {
      const planned = planWriteBack(mapping, 'registration', { status }, { id: 'r1' });
      if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
      const entries = Object.entries(planned.plan.fields).filter(([k]) => !k.startsWith('@'));
      expect(entries).toHaveLength(1);
      const [field = '', value = null] = entries[0] ?? [];
      // A picklist the schema provisions must offer the value we write.
      const options = statusOptions(schema, objectType, field);
      if (options !== undefined) expect(options).toContain(value);

      const mapped = mapRecord(mapping, objectType, record({ [field]: value }), { connection: 'c' });
      expect(mapped.ok ? [] : mapped.issues).toEqual([]);
      const registration = mapped.entities.find((e) => e.entity.kind === 'registration')?.entity;
      expect(registration?.kind === 'registration' && registration.entity.status).toBe(status);
    });
  },
);

describe('Salesforce registrations written by partnersync 0.1 (API values) still read back', () => {
  it.each(RegistrationStatus.options)('%s', (status) => {
    const mapping = loadDefaultMapping('salesforce');
    const mapped = mapRecord(mapping, 'PS_Deal_Registration__c', CASES[0].record({ Status__c: status }), {
      connection: 'c',
    });
    const registration = mapped.entities.find((e) => e.entity.kind === 'registration')?.entity;
    expect(registration?.kind === 'registration' && registration.entity.status).toBe(status);
  });
});
