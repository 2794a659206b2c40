import { describe, expect, it } from 'vitest';
import { hubspotDefaultSchema } from '../../connectors/hubspot/default-schema.js';
import type { SchemaSpec } from '../../connectors/port.js';
import { salesforceDefaultSchema } from '../../connectors/salesforce/default-schema.js';
import { defaultMappingPath, loadMappingFile } from '../../mappings/load-mapping-file.js';
import { fieldSpecObject } from '../../mappings/schema.js';
import type { Provider } from '../../src/domain/entities.js';

/** `ensureSchema` must create exactly what the default mappings write (and read from our own objects). */

function provisioned(spec: SchemaSpec): Set<string> {
  const out = new Set<string>();
  for (const [object, fields] of Object.entries(spec.fields))
    for (const f of fields) out.add(`${object}.${f.name}`);
  for (const obj of spec.customObjects) for (const f of obj.fields) out.add(`${obj.name}.${f.name}`);
  return out;
}

const SCHEMAS: Record<Provider, SchemaSpec> = {
  salesforce: salesforceDefaultSchema(false),
  hubspot: hubspotDefaultSchema(false),
};
// Fields every record has without provisioning.
const SYSTEM = new Set(['Id', 'CreatedDate', 'CurrencyIsoCode', 'id', 'createdAt', 'updatedAt']);

describe.each(['salesforce', 'hubspot'] as const)('the %s default schema', (provider) => {
  const mapping = loadMappingFile(defaultMappingPath(provider));
  const have = provisioned(SCHEMAS[provider]);

  it('provisions every write-back field and upsert key of the default mapping', () => {
    const wanted = Object.values(mapping.writeBack ?? {}).flatMap((t) => [
      ...Object.values(t.fields).map((f) => `${t.object}.${typeof f === 'string' ? f : f.field}`),
      ...(t.upsertBy !== undefined ? [`${t.object}.${t.upsertBy}`] : []),
    ]);
    expect(wanted.length).toBeGreaterThan(20);
    expect(wanted.filter((f) => !have.has(f))).toEqual([]);
  });

  it('provisions every field the default mapping reads from our own custom objects', () => {
    const custom = new Set(SCHEMAS[provider].customObjects.map((o) => o.name));
    const wanted = Object.values(mapping.objects)
      .filter((o) => custom.has(o.source))
      .flatMap((o) =>
        Object.values(o.fields).flatMap((spec) => {
          const from = fieldSpecObject(spec).from;
          const names = from === undefined ? [] : Array.isArray(from) ? from : [from];
          return names.filter((f) => !SYSTEM.has(f)).map((f) => `${o.source}.${f}`);
        }),
      );
    expect(wanted.length).toBeGreaterThan(5);
    expect(wanted.filter((f) => !have.has(f))).toEqual([]);
  });
});
