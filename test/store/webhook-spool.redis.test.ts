import { afterEach, describe, expect, it } from 'vitest';
import { createKeySpace } from '../../src/store/keys.js';
import { createWebhookSpool } from '../../src/store/webhook-spool.js';
import { deleteKeys, testPrefix, workerRedis } from '../helpers/redis.js';

const redis = workerRedis();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function spool() {
  const prefix = testPrefix();
  cleanups.push(() => deleteKeys(redis, `*${prefix}*`));
  return createWebhookSpool(redis, createKeySpace(prefix));
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
});
