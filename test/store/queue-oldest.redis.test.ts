import { afterEach, describe, expect, it } from 'vitest';
import { createChangeInbox } from '../../src/store/change-inbox.js';
import { createKeySpace } from '../../src/store/keys.js';
import { createWriteBackStore } from '../../src/store/write-back-store.js';
import { deleteKeys, testPrefix, workerRedis } from '../helpers/redis.js';

/** Batching weighs how long the oldest waiting record has waited: both queues tell it. */
const redis = workerRedis();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function keySpace() {
  const prefix = testPrefix();
  cleanups.push(() => deleteKeys(redis, `*${prefix}*`));
  return createKeySpace(prefix);
}

describe('the oldest waiting record', () => {
  it('is the inbox entry with the oldest change, and none once the inbox drains', async () => {
    const inbox = createChangeInbox(redis, keySpace());
    expect(await inbox.oldest('hs-1')).toBeNull();
    await inbox.record('hs-1', [
      { objectType: 'contacts', objectId: '2', occurredAt: 2_000, dedupeKey: 'b' },
      { objectType: 'deals', objectId: '1', occurredAt: 1_000, dedupeKey: 'a' },
    ]);
    expect(await inbox.oldest('hs-1')).toEqual({ objectType: 'deals', objectId: '1', occurredAt: 1_000 });
    await inbox.ack('hs-1', await inbox.peek('hs-1', 10));
    expect(await inbox.oldest('hs-1')).toBeNull();
  });

  it('is the write request queued first, kept when the same record is queued again', async () => {
    let now = 5_000;
    const store = createWriteBackStore(redis, keySpace(), () => now);
    expect(await store.oldestQueued('hs-1')).toBeNull();
    const request = { objectType: 'contacts', operation: 'update' as const, idField: 'id', id: '7' };
    await store.enqueue('hs-1', [{ ...request, fields: { a: 1 } }]);
    now = 6_000;
    await store.enqueue('hs-1', [
      { ...request, fields: { b: 2 } },
      { ...request, id: '8', fields: { a: 1 } },
    ]);
    expect(await store.oldestQueued('hs-1')).toEqual({ objectType: 'contacts', queuedAt: 5_000 });
    const taken = await store.take('hs-1', 1);
    await store.complete(
      'hs-1',
      taken.map((p) => ({ key: p.key, raw: p.raw, status: 'noop' as const })),
    );
    expect(await store.oldestQueued('hs-1')).toEqual({ objectType: 'contacts', queuedAt: 6_000 });
  });
});
