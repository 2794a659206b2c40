import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Mapping } from '../../mappings/schema.js';
import { validateMapping } from '../../mappings/validate.js';

export function defaultMappingPath(provider: 'salesforce' | 'hubspot'): string {
  return fileURLToPath(new URL(`../../mappings/${provider}.default.yaml`, import.meta.url));
}

export function defaultMappingText(provider: 'salesforce' | 'hubspot'): string {
  return readFileSync(defaultMappingPath(provider), 'utf8');
}

/** The shipped default mapping, validated (throws if it is not valid: that is a test failure). */
export function loadDefaultMapping(provider: 'salesforce' | 'hubspot'): Mapping {
  const result = validateMapping(defaultMappingText(provider), `${provider}.default.yaml`);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return result.mapping;
}
