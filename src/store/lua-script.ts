import { createHash } from 'node:crypto';
import { assertOneSlot } from './key-slot.js';
import type { RedisClient } from '../queue/redis.js';

export interface LuaScript {
  run(
    redis: RedisClient,
    keys: readonly string[],
    args: readonly (string | number | Buffer)[],
  ): Promise<unknown>;
}

/** EVALSHA with a one-time EVAL fallback, so a script's body crosses the wire once per Redis restart. */
export function luaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    async run(redis, keys, args) {
      assertOneSlot(keys, `script ${sha.slice(0, 8)}`);
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('NOSCRIPT'))
          return redis.eval(source, keys.length, ...keys, ...args);
        throw err;
      }
    },
  };
}
