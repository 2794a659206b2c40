import { scanKeys, type RedisClient } from '../src/queue/redis.js';

/** Removes every key matching `pattern` (a benchmark's own prefix) without blocking Redis. */
export async function deleteKeys(redis: RedisClient, pattern: string): Promise<void> {
  for await (const { node, keys } of scanKeys(redis, pattern, 5000)) {
    // One UNLINK per key: keys of one batch may hash to different cluster slots.
    const tx = node.pipeline();
    for (const key of keys) tx.unlink(key);
    await tx.exec();
  }
}
