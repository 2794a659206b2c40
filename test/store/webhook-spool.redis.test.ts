import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKeySpace } from '../../src/store/keys.js';
import { DeadlineExceededError } from '../../src/store/shared-deadline.js';
import { createWebhookSpool, type WebhookSpoolOptions } from '../../src/store/webhook-spool.js';
import { deleteKeys, testPrefix, workerRedis } from '../helpers/redis.js';

const redis = workerRedis();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function spool(options: WebhookSpoolOptions = {}) {
  const prefix = testPrefix();
  cleanups.push(() => deleteKeys(redis, `*${prefix}*`));
  const keys = createKeySpace(prefix);
  return Object.assign(createWebhookSpool(redis, keys, options), {
    streamKey: keys.connection('hs-1', 'spool'),
  });
}

describe('webhook spool', () => {
  it('hands entries a crashed reader never acknowledged to the next reader before new ones', async () => {
    const s = spool();
    for (const n of [1, 2, 3]) await s.append('hs-1', Buffer.from(`[${n}]`));
    const crashed = await s.read('hs-1', 2);
    expect(crashed.map((e) => e.body.toString())).toEqual(['[1]', '[2]']);
    // the reader dies here: nothing acknowledged
    const next = await s.read('hs-1', 10);
    expect(next.map((e) => e.body.toString())).toEqual(['[1]', '[2]']);
    await s.ack(
      'hs-1',
      next.map((e) => e.id),
    );
    const rest = await s.read('hs-1', 10);
    expect(rest.map((e) => e.body.toString())).toEqual(['[3]']);
    await s.ack(
      'hs-1',
      rest.map((e) => e.id),
    );
    expect(await s.read('hs-1', 10)).toEqual([]);
    expect(await s.size('hs-1')).toBe(0);
  });

  it('appends a replayed request only once', async () => {
    const s = spool();
    expect(await s.append('hs-1', Buffer.from('[1]'), { requestKey: 'sig-abc', ttlMs: 60_000 })).toBe(true);
    expect(await s.append('hs-1', Buffer.from('[1]'), { requestKey: 'sig-abc', ttlMs: 60_000 })).toBe(false);
    expect(await s.size('hs-1')).toBe(1);
  });

  it('sends the appends of one event-loop turn to Redis as one script call, in arrival order', async () => {
    const s = spool();
    const calls = vi.spyOn(redis, 'evalsha');
    try {
      const added = await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          s.append('hs-1', Buffer.from(`[${n}]`), { requestKey: `sig-${n}`, ttlMs: 60_000 }),
        ),
      );
      expect(added).toEqual(Array.from({ length: 10 }, () => true));
      expect(calls).toHaveBeenCalledTimes(1);
    } finally {
      calls.mockRestore();
    }
    const entries = await s.read('hs-1', 20);
    expect(entries.map((e) => e.body.toString())).toEqual(Array.from({ length: 10 }, (_, n) => `[${n}]`));
  });

  it('appends a request replayed inside the same batch once, and answers false to the replay', async () => {
    const s = spool();
    const replay = { requestKey: 'sig-same', ttlMs: 60_000 };
    const added = await Promise.all([
      s.append('hs-1', Buffer.from('[1]'), replay),
      s.append('hs-1', Buffer.from('[2]')),
      s.append('hs-1', Buffer.from('[1]'), replay),
    ]);
    expect(added).toEqual([true, true, false]);
    expect((await s.read('hs-1', 10)).map((e) => e.body.toString())).toEqual(['[1]', '[2]']);
  });

  it('rejects every append of a batch when Redis refuses the batch, so no request is acknowledged', async () => {
    const s = spool();
    // A ttl Redis refuses ("invalid expire time") fails the whole script before anything is written.
    const appends = [
      s.append('hs-1', Buffer.from('[1]'), { requestKey: 'sig-ok', ttlMs: 60_000 }),
      s.append('hs-1', Buffer.from('[2]'), { requestKey: 'sig-bad', ttlMs: -5 }),
    ];
    const outcomes = await Promise.allSettled(appends);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await s.size('hs-1')).toBe(0);
  });

  it('still reads entries that earlier versions stored deflated or uncompressed', async () => {
    const s = spool();
    await s.append('hs-1', Buffer.from('[0]'));
    await redis.xadd(s.streamKey, '*', 'z', deflateRawSync(Buffer.from('[1]')));
    await redis.xadd(s.streamKey, '*', 'b', Buffer.from('[2]'));
    expect((await s.read('hs-1', 10)).map((e) => e.body.toString())).toEqual(['[0]', '[1]', '[2]']);
  });

  it('fails an append Redis does not answer within the deadline, so the request can answer 503', async () => {
    const s = spool({ appendTimeoutMs: 100 });
    const admin = workerRedis();
    try {
      await admin.client('PAUSE', 600, 'WRITE');
      const started = performance.now();
      await expect(s.append('hs-1', Buffer.from('[1]'))).rejects.toThrow(DeadlineExceededError);
      expect(performance.now() - started).toBeLessThan(400);
    } finally {
      await admin.client('UNPAUSE');
      admin.disconnect();
    }
  });
});
