import { describe, expect, it } from 'vitest';

import { checkRecord } from '../../../src/matching/check-record.js';
import { InMemoryMatchIndex } from '../../../src/matching/in-memory-match-index.js';
import type { MatchRecord } from '../../../src/matching/match-record.js';
import { createPersonMatcher } from '../../../src/matching/match-people.js';
import { prepareRecord } from '../../../src/matching/prepare-record.js';

const r = (id: string, fields: Partial<MatchRecord>) => prepareRecord({ id, kind: 'lead', ...fields });

describe('InMemoryMatchIndex', () => {
  it('returns records sharing a blocking key, and forgets removed ones', async () => {
    const index = new InMemoryMatchIndex();
    await index.upsert([
      r('A', { firstName: 'Bob', lastName: 'Smith', email: 'bob@acme.com' }),
      r('B', { firstName: 'Zed', lastName: 'Young', email: 'zed@other.io' }),
    ]);
    const probe = r('P', { firstName: 'Robert', lastName: 'Smith', email: 'BOB+x@acme.com' });
    expect((await index.candidates(probe)).map((c) => c.id)).toEqual(['A']);
    await index.remove(['A']);
    expect(await index.candidates(probe)).toEqual([]);
    expect(await index.size()).toBe(1);
  });

  it('replaces a record on upsert instead of keeping stale keys', async () => {
    const index = new InMemoryMatchIndex();
    await index.upsert([r('A', { email: 'old@acme.com' })]);
    await index.upsert([r('A', { email: 'new@acme.com' })]);
    expect(await index.candidates(r('P', { email: 'old@acme.com' }))).toEqual([]);
    expect((await index.candidates(r('P', { email: 'new@acme.com' }))).map((c) => c.id)).toEqual(['A']);
  });

  it('checks one record against the index with scored, explained matches', async () => {
    const index = new InMemoryMatchIndex();
    await index.upsert([
      r('00Q1', {
        firstName: 'William',
        lastName: 'Gates',
        email: 'bill@msft.com',
        company: 'Microsoft Corp',
      }),
    ]);
    const matches = await checkRecord(
      index,
      createPersonMatcher(),
      r('00Q9', { firstName: 'Bill', lastName: 'Gates', email: 'Bill@MSFT.com' }),
    );
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ leftId: '00Q1', rightId: '00Q9', decision: 'duplicate' });
    expect(matches[0]?.reasonText).toContain('same email');
  });
});
