import { luaScript } from './lua-script.js';

export const AUDIT_MAX = 1000;
const STACK_MAX = 100;

/**
 * Moves a connection's activation stack (its top is the active mapping version) only if its top is
 * still what the caller read, and appends the audit entry in the same step.
 */
// KEYS: stack, audit, versions. ARGV: expected top ('' = empty), version to push ('' = pop), audit JSON.
export const SWITCH_ACTIVE = luaScript(`
local top = redis.call('LINDEX', KEYS[1], 0)
if (top or '') ~= ARGV[1] then return 0 end
if ARGV[2] == '' then
  if not top then return -2 end
  redis.call('LPOP', KEYS[1])
else
  if redis.call('HEXISTS', KEYS[3], ARGV[2]) == 0 then return -1 end
  redis.call('LPUSH', KEYS[1], ARGV[2])
  redis.call('LTRIM', KEYS[1], 0, ${STACK_MAX - 1})
end
redis.call('LPUSH', KEYS[2], ARGV[3])
redis.call('LTRIM', KEYS[2], 0, ${AUDIT_MAX - 1})
return 1
`);

export function numberOrNull(raw: string | null | undefined): number | null {
  return raw === null || raw === undefined || raw === '' ? null : Number(raw);
}
