import { luaScript } from './lua-script.js';

/**
 * A key held by whoever wrote a random token into it (SET NX PX) is released or extended only by that
 * holder: the token is compared inside Redis, so a holder whose lease already expired and was taken
 * by another worker cannot delete or prolong the new holder's lease.
 */
export const RELEASE_OWNED = luaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
);
export const EXTEND_OWNED = luaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`,
);
