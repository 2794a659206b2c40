import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syntheticLeads } from '../../bench/dedupe-synthetic.js';
import { InMemoryMatchIndex } from '../../src/matching/in-memory-match-index.js';
import type { MatchRecord } from '../../src/matching/match-record.js';
import { prepareRecord, type PreparedRecord } from '../../src/matching/prepare-record.js';
import { createCrossConnectionMatchIndex } from '../../src/store/cross-connection-match-index.js';
import { createKeySpace } from '../../src/store/keys.js';
import { createRedisMatchIndex } from '../../src/store/redis-match-index.js';
import { deleteKeys, testPrefix, workerRedis } from '../helpers/redis.js';

let redis: Redis;
const prefixes: string[] = [];
beforeAll(() => {
  redis = workerRedis();
});
afterEach(async () => {
  for (const p of prefixes.splice(0)) await deleteKeys(redis, `${p}:*`);
});
afterAll(async () => {
  await redis.quit();
});

function indexes(options: { maxPostings?: number; maxCandidates?: number } = {}) {
  const prefix = testPrefix();
  prefixes.push(prefix);
  const keys = createKeySpace(prefix);
  return {
    keys,
    memory: new InMemoryMatchIndex(options),
    redis: createRedisMatchIndex(redis, keys, 'crm-a', options),
  };
}

const ids = (records: readonly PreparedRecord[]): string[] => records.map((r) => r.id);
const person = (id: string, fields: Partial<MatchRecord>): PreparedRecord =>
  prepareRecord({ id, kind: 'lead', ...fields });

describe('RedisMatchIndex', () => {
  it('returns the same candidates as the in-memory index for 3,000 synthetic leads', async () => {
    const { memory, redis: index } = indexes();
    const records = [...syntheticLeads(3_000, 7)].map(prepareRecord);
    await memory.upsert(records);
    await index.upsert(records);
    expect(await index.size()).toBe(await memory.size());
    let withCandidates = 0;
    for (const record of records) {
      const expected = await memory.candidates(record);
      const actual = await index.candidates(record);
      expect(ids(actual)).toEqual(ids(expected));
      if (expected.length > 0) withCandidates += 1;
    }
    expect(withCandidates).toBeGreaterThan(200);
    const sample = records[11];
    if (sample === undefined) throw new Error('no sample');
    const [stored] = await index.get([sample.id]);
    expect(stored).toEqual(sample);
  });

  it('moves a record to its new keys on upsert and forgets the old ones', async () => {
    const { memory, redis: index } = indexes();
    const ann = person('a', { firstName: 'Ann', lastName: 'Lee', email: 'ann@acme.example' });
    const probe = person('p', { firstName: 'Ann', lastName: 'Lee', email: 'ann@acme.example' });
    const moved = person('a', { firstName: 'Zed', lastName: 'Quist', email: 'zed@other.example' });
    for (const i of [memory, index]) {
      await i.upsert([ann]);
      expect(ids(await i.candidates(probe))).toEqual(['a']);
      await i.upsert([moved]);
      expect(ids(await i.candidates(probe))).toEqual([]);
      expect(ids(await i.candidates(person('q', { email: 'zed@other.example' })))).toEqual(['a']);
    }
    expect(await index.size()).toBe(1);
  });

  it('removes records (delete, merge, privacy deletion) and ignores unknown ids', async () => {
    const { keys, memory, redis: index } = indexes();
    const records = [
      person('1', { firstName: 'Bob', lastName: 'Stone', email: 'bob@acme.example' }),
      person('2', { firstName: 'Robert', lastName: 'Stone', email: 'BOB+x@acme.example' }),
      person('3', { firstName: 'Rob', lastName: 'Stone', phone: '+1 415 555 0101' }),
    ];
    for (const i of [memory, index]) {
      await i.upsert(records);
      await i.remove(['2', 'nope']);
      expect(ids(await i.candidates(person('p', { email: 'bob@acme.example' })))).toEqual(['1']);
      expect(await i.size()).toBe(2);
    }
    await index.remove(['1', '3']);
    expect(await index.size()).toBe(0);
    expect(await redis.keys(`${keys.prefix}:*`)).toEqual([]);
  });

  it('skips a frequent name key as a stop key but never a frequent email key', async () => {
    const { memory, redis: index } = indexes({ maxPostings: 3 });
    const smiths = Array.from({ length: 5 }, (_, n) =>
      person(`s${n}`, { firstName: 'John', lastName: 'Smith', email: `john${n}@acme${n}.example` }),
    );
    const shared = Array.from({ length: 5 }, (_, n) =>
      person(`e${n}`, { firstName: `Name${n}`, lastName: `Other${n}`, email: 'info@shared.example' }),
    );
    for (const i of [memory, index]) {
      await i.upsert([...smiths, ...shared]);
      expect(ids(await i.candidates(person('p', { firstName: 'John', lastName: 'Smith' })))).toEqual([]);
      expect(ids(await i.candidates(person('p', { email: 'info@shared.example' })))).toEqual([
        'e0',
        'e1',
        'e2',
        'e3',
        'e4',
      ]);
      expect(ids(await i.candidates(person('p', { email: 'info@shared.example' }), 2))).toEqual(['e0', 'e1']);
    }
  });

  it('matches across connections with connection/id names', async () => {
    const { keys } = indexes();
    const hs = createRedisMatchIndex(redis, keys, 'hs');
    const sf = createRedisMatchIndex(redis, keys, 'sf');
    const view = createCrossConnectionMatchIndex(
      new Map([
        ['hs', hs],
        ['sf', sf],
      ]),
    );
    await view.upsert([
      person('hs/101', { firstName: 'Bob', lastName: 'Stone', email: 'bob@acme.example' }),
      person('sf/00Q1', { firstName: 'Robert', lastName: 'Stone', email: 'Bob@ACME.example' }),
    ]);
    expect(await hs.size()).toBe(1);
    const found = await view.candidates(person('hs/101', { email: 'bob@acme.example' }));
    expect(ids(found)).toEqual(['sf/00Q1']);
    await view.remove(['sf/00Q1']);
    expect(await view.size()).toBe(1);
  });
});
