import { PayloadLimitError } from '../errors/index.js';

/**
 * Counts start tags in one linear pass (a `<` not followed by `/`, `?` or `!`; XML text cannot hold a raw
 * `<`) and refuses the document above `maxElements`, before any parser builds a tree of it.
 */
export function checkXmlElementCount(xml: string, maxElements: number, what: string): number {
  let count = 0;
  for (let at = xml.indexOf('<'); at >= 0; at = xml.indexOf('<', at + 1)) {
    const next = xml.charCodeAt(at + 1);
    if (next === 0x2f || next === 0x3f || next === 0x21) continue;
    count += 1;
    if (count > maxElements) {
      throw new PayloadLimitError(`${what} has more than ${maxElements} elements`, {
        issues: [{ path: '', message: `more than ${maxElements} elements` }],
      });
    }
  }
  return count;
}
