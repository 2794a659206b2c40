import { describe, expect, it } from 'vitest';
import { assertOneSlot, hashedPart, keySlot } from '../../../src/store/key-slot.js';
import { createKeySpace } from '../../../src/store/keys.js';
import { luaScript } from '../../../src/store/lua-script.js';
import type { RedisClient } from '../../../src/queue/redis.js';

describe('keySlot', () => {
  it('gives the slots Redis documents and computes', () => {
    // Values of CLUSTER KEYSLOT on Redis 7 (the cluster project checks more against a live cluster).
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('somekey')).toBe(11058);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    expect(keySlot('{user1000}.following')).toBe(keySlot('user1000'));
  });

  it('hashes only the first non-empty tag, as the cluster specification says', () => {
    expect(hashedPart('foo{}{bar}')).toBe('foo{}{bar}');
    expect(hashedPart('foo{{bar}}zap')).toBe('{bar');
    expect(hashedPart('foo{bar}{zap}')).toBe('bar');
    expect(hashedPart('no-tag')).toBe('no-tag');
  });
});

describe('key layout', () => {
  const keys = createKeySpace('ps');

  it('puts every key of a connection, its queues included, in the connection’s slot', () => {
    const slot = keySlot(keys.connection('acme', 'mirror', 'person'));
    expect(keySlot(keys.connection('acme', 'wb', 'queue'))).toBe(slot);
    expect(keySlot(`${keys.queuePrefix('acme')}:dedupe:wait`)).toBe(slot);
    expect(keys.queuePrefix('acme')).toBe('ps:{acme}:bull');
    expect(keys.connection('acme', 'inbox')).toBe('ps:{acme}:inbox');
  });

  it('keeps the queue part for queues only', () => {
    expect(() => keys.connection('acme', 'bull', 'x')).toThrow(/reserved/);
  });
});

describe('script calls', () => {
  const never = {} as RedisClient;
  it('refuses keys of different slots before anything is sent', async () => {
    const script = luaScript(`return 1`);
    await expect(script.run(never, ['ps:{a}:x', 'ps:{b}:y'], [])).rejects.toThrow(
      /different Redis Cluster slots/,
    );
    expect(() => assertOneSlot(['ps:{a}:x', 'ps:{a}:y'], 'same tag')).not.toThrow();
  });
});
