import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mappingJsonSchemaText } from '../../mappings/json-schema.js';
import { validateMapping } from '../../mappings/validate.js';
import { defaultMappingText } from './load-default.js';

describe('default mappings', () => {
  it.each(['salesforce', 'hubspot'] as const)(
    'the %s default mapping validates with no issues',
    (provider) => {
      const result = validateMapping(defaultMappingText(provider), `${provider}.default.yaml`);
      expect(result.ok ? [] : result.issues).toEqual([]);
      expect(result.ok && result.mapping.provider).toBe(provider);
    },
  );

  it.each(['salesforce', 'hubspot'] as const)(
    'the %s default mapping points editors at the JSON Schema',
    (provider) => {
      expect(defaultMappingText(provider).split('\n')[0]).toBe(
        '# yaml-language-server: $schema=./mapping.schema.json',
      );
    },
  );

  it('the committed mapping.schema.json matches the schema generated from zod', () => {
    const committed = readFileSync(
      fileURLToPath(new URL('../../mappings/mapping.schema.json', import.meta.url)),
      'utf8',
    );
    expect(JSON.parse(committed)).toEqual(JSON.parse(mappingJsonSchemaText()));
  });

  it('a JSON mapping validates like a YAML one', () => {
    const json = JSON.stringify({
      version: 1,
      provider: 'hubspot',
      objects: {
        company: {
          entity: 'account',
          source: 'companies',
          fields: {
            name: 'name',
            isPartner: { const: false },
            createdAt: { from: 'createdAt', transform: 'datetime' },
            updatedAt: { from: 'updatedAt', transform: 'datetime' },
          },
        },
      },
    });
    expect(validateMapping(json, 'm.json').ok).toBe(true);
  });
});
