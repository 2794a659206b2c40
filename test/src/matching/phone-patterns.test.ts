import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { readPhone } from '../../../src/matching/normalise-phone.js';

const require = createRequire(import.meta.url);
const libraryRoot = dirname(require.resolve('libphonenumber-js/package.json'));

describe('libphonenumber-js as installed (patches/libphonenumber-js+*.patch)', () => {
  // Without the patch every North American and UK number rebuilds regexps of several KB per call:
  // about 4 s of a million-record dedupe. The ESM build is what the service imports; CommonJS is
  // patched alike so a `require` caller gets the same behaviour.
  it.each(['es6', 'build'])('compiles each metadata pattern once (%s build)', (build) => {
    const source = readFileSync(join(libraryRoot, build, 'helpers', 'matchesEntirely.js'), 'utf8');
    expect(source).toContain('compiledPatterns.get(regularExpressionText)');
  });

  // Countries sharing a calling code are told apart by their number patterns, so the same compiled
  // pattern is tested against many numbers in turn: each answer must be the number's own.
  it.each([
    ['(416) 555-0199', 'US', '+14165550199', '4165550199'],
    ['(212) 555-0101', 'US', '+12125550101', '2125550101'],
    ['(789) 925-8699', 'US', null, '7899258699'],
    ['(268) 464-1234', 'US', '+12684641234', '2684641234'],
    ['+1 268 464 1234', null, '+12684641234', '2684641234'],
    ['01534 456789', 'GB', '+441534456789', '1534456789'],
    ['01624 612345', 'GB', '+441624612345', '1624612345'],
    ['020 7946 0018', 'GB', '+442079460018', '2079460018'],
    ['+44 1481 712345', null, '+441481712345', '1481712345'],
  ])('reads %s (region %s) the same on every call', (raw, region, e164, national) => {
    for (let round = 0; round < 3; round++) expect(readPhone(raw, region)).toEqual({ e164, national });
  });
});
