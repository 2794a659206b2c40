import { createHash } from 'node:crypto';
import type { Mapping } from '../../mappings/schema.js';
import type { MappingStamp } from '../../src/store/decision-store.js';

/** Which mapping a decision was made with: its version and a short content hash. */
export function mappingStamp(mapping: Mapping): MappingStamp {
  const hash = createHash('sha256').update(JSON.stringify(mapping)).digest('hex').slice(0, 12);
  return { version: mapping.version, hash };
}
