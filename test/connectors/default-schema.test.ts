import { describe, expect, it } from 'vitest';
import { hubspotDefaultSchema } from '../../connectors/hubspot/default-schema.js';
import type { SchemaSpec } from '../../connectors/port.js';
import { salesforceDefaultSchema } from '../../connectors/salesforce/default-schema.js';
import { defaultMappingPath, loadMappingFile } from '../../mappings/load-mapping-file.js';
import type { Condition } from '../../mappings/condition.js';
import { fieldSpecObject, type ObjectMapping } from '../../mappings/schema.js';
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

const conditionFields = (c: Condition): string[] =>
  'all' in c
    ? c.all.flatMap(conditionFields)
    : 'any' in c
      ? c.any.flatMap(conditionFields)
      : 'not' in c
        ? conditionFields(c.not)
        : [c.field];

/** Every CRM field an object mapping reads: `from` paths, `when` and `where` conditions. */
function readFields(o: ObjectMapping): string[] {
  const fromSpecs = Object.values(o.fields).flatMap((raw) => {
    const spec = fieldSpecObject(raw);
    const from = spec.from === undefined ? [] : Array.isArray(spec.from) ? spec.from : [spec.from];
    return [...from, ...(spec.when === undefined ? [] : conditionFields(spec.when))];
  });
  return [...fromSpecs, ...(o.where === undefined ? [] : conditionFields(o.where))];
}

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

  it('provisions every field of our namespace (PS_… / ps_…) the default mapping reads from standard objects', () => {
    const custom = new Set(SCHEMAS[provider].customObjects.map((o) => o.name));
    const wanted = Object.values(mapping.objects)
      .filter((o) => !custom.has(o.source))
      .flatMap((o) => readFields(o).map((f) => `${o.source}.${f.replace(/^properties\./, '')}`))
      .filter((f) => /\.ps_/i.test(f));
    // The partner profile (type, tier, domains, status, territories) is read from Account / companies.
    expect(wanted.filter((f) => /partner_(type|tier|status)/i.test(f)).length).toBeGreaterThanOrEqual(3);
    expect([...new Set(wanted.filter((f) => !have.has(f)))]).toEqual([]);
  });
});

describe('what a rep reads on every provisioned field', () => {
  const all = (spec: SchemaSpec) => [
    ...Object.values(spec.fields).flat(),
    ...spec.customObjects.flatMap((o) => o.fields),
  ];
  it.each(['salesforce', 'hubspot'] as const)(
    '%s: a plain label without the PS prefix, help text within the vendor limits',
    (provider) => {
      const fields = all(SCHEMAS[provider]);
      expect(fields.filter((f) => /^PS\b/.test(f.label)).map((f) => f.name)).toEqual([]);
      expect(fields.filter((f) => (f.help ?? '').trim() === '').map((f) => f.name)).toEqual([]);
      // Salesforce: labels 40 characters, inlineHelpText 510 (CustomField metadata).
      expect(fields.filter((f) => f.label.length > 40).map((f) => f.name)).toEqual([]);
      expect(fields.filter((f) => (f.help ?? '').length > 510).map((f) => f.name)).toEqual([]);
      expect(SCHEMAS[provider].customObjects.map((o) => o.label)).toEqual([
        'Deal Registration',
        'Partner Attribution',
      ]);
    },
  );
});
