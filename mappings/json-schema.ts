import { z } from 'zod';
import { Mapping } from './schema.js';

/**
 * The mapping language as JSON Schema (draft-07, which yaml-language-server and VS Code read), so
 * editors validate and autocomplete mapping files. mapping.schema.json is this, committed; a test
 * keeps the two equal (regenerate with `partnersync mappings schema > mappings/mapping.schema.json`).
 */
export function mappingJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Mapping, { target: 'draft-7', io: 'input', unrepresentable: 'any' }),
    title: 'partnersync field mapping',
  };
}

/** The committed file's exact text. */
export function mappingJsonSchemaText(): string {
  return `${JSON.stringify(mappingJsonSchema(), null, 2)}\n`;
}
