import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../src/core/errors/index.js';
import type { Provider } from '../src/domain/entities.js';
import type { Mapping } from './schema.js';
import { formatIssue, validateMapping } from './validate.js';

/** The shipped default mapping of a provider; found beside the sources and beside the compiled output. */
export function defaultMappingPath(provider: Provider): string {
  const name = `${provider}.default.yaml`;
  const candidates = [
    new URL(`./${name}`, import.meta.url),
    new URL(`../../mappings/${name}`, import.meta.url),
  ];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  throw new ConfigError(`default mapping ${name} not found next to ${fileURLToPath(import.meta.url)}`);
}

/** Reads and validates a mapping file; every problem is listed (file:line path: message) in one ConfigError. */
export function loadMappingFile(path: string): Mapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read mapping file ${path}`, { cause: err });
  }
  const result = validateMapping(text, path);
  if (result.ok) return result.mapping;
  throw new ConfigError(
    `invalid mapping ${path}:\n${result.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
    {
      issues: result.issues.map((i) => ({ path: i.path, message: i.message })),
    },
  );
}
