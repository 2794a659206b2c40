import { describe, expect, it } from 'vitest';

import { SOURCE_KEYS } from '../../../src/matching/compact-record.js';
import { keyHash } from '../../../src/matching/key-hash.js';
import type { MatchRecord } from '../../../src/matching/match-record.js';
import { sourceHash } from '../../../src/matching/source-hash.js';

/** The hash as it was first defined: of the JSON array of every field, missing ones as 0. */
function written(source: MatchRecord): number {
  return keyHash(JSON.stringify(SOURCE_KEYS.map((key) => source[key] ?? 0)));
}

describe('sourceHash', () => {
  it('is the hash of the record written as JSON, whatever its values hold', () => {
    const records: MatchRecord[] = [
      { id: 'L1', kind: 'lead' },
      { id: 'L2', kind: 'contact', firstName: 'Zoë', lastName: '李', email: '', city: null },
      { id: 'L3', kind: 'lead', company: 'Acme "Quoted" \\ Ltd', street: 'line\nbreak\ttab' },
      { id: 'L4', kind: 'lead', firstName: 'Emoji 😀', lastName: 'lone \ud800 surrogate' },
      { id: 'L5', kind: 'lead', createdAt: '2024-03-01T10:00:00Z', phone: '+1 415', website: 'acme.com' },
    ];
    for (const record of records) expect(sourceHash(record)).toBe(written(record));
  });

  it('tells records apart by any field', () => {
    expect(sourceHash({ id: 'L1', kind: 'lead', phone: '1' })).not.toBe(
      sourceHash({ id: 'L1', kind: 'lead', mobilePhone: '1' }),
    );
  });
});
