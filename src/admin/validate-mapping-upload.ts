import {
  MAPPING_MAX_NODES,
  mappingTooLarge,
  type ValidationResult,
  validateMappingSource,
} from '../../mappings/validate.js';
import { ParseFailure, parseYamlOffThread } from '../core/offload/parse-off-thread.js';
import type { YamlSource } from '../core/offload/parse-worker.js';

const PARSE_TIMEOUT_MS = 10_000;

/**
 * Validates a mapping text that arrived over HTTP: the size is checked first, then the YAML parse (the
 * slow part: linear, with a large constant) runs in a worker thread, so no upload holds the event loop.
 * A parse past its deadline is reported as an issue like any other (422).
 */
export async function validateMappingUpload(text: string, fileName: string): Promise<ValidationResult> {
  const refused = mappingTooLarge(text, fileName);
  if (refused !== null) return refused;
  let source: YamlSource;
  try {
    source = await parseYamlOffThread(text, MAPPING_MAX_NODES, PARSE_TIMEOUT_MS);
  } catch (err) {
    if (!(err instanceof ParseFailure)) throw err;
    source = { ok: false, issues: [{ message: err.message, line: null }] };
  }
  return validateMappingSource(source, fileName);
}
