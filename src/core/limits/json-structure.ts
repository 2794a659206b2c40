import { PayloadLimitError } from '../errors/index.js';

export interface JsonStructureLimits {
  /** Deepest nesting of arrays and objects. */
  readonly maxDepth: number;
  /** Most values (containers, members and elements) in the whole document. */
  readonly maxValues: number;
}

/**
 * One linear pass over JSON text, before `JSON.parse`: refuses nesting deeper or documents larger than
 * the limits, so nothing recursive downstream (schemas, field walks) can overflow the stack or run long.
 * Brackets and commas inside strings are skipped; malformed JSON is left for `JSON.parse` to report.
 */
export function checkJsonStructure(text: string, limits: JsonStructureLimits, what: string): void {
  let depth = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limits.maxDepth) {
        throw new PayloadLimitError(`${what} is nested deeper than ${limits.maxDepth} levels`, {
          issues: [{ path: '', message: `nesting deeper than ${limits.maxDepth}` }],
        });
      }
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
    else if (c === 0x2c) {
      values += 1;
      if (values > limits.maxValues) {
        throw new PayloadLimitError(`${what} has more than ${limits.maxValues} values`, {
          issues: [{ path: '', message: `more than ${limits.maxValues} values` }],
        });
      }
    }
  }
}
