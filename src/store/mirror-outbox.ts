import { randomBytes } from 'node:crypto';
import { luaScript } from './lua-script.js';

/**
 * The mirror's fan-out outbox: one hash field per CRM record whose mirror write has not yet been
 * followed by its decision jobs. The field is written in the same script as the mirror, so a process
 * killed (or a Redis restart, or a lost reply) between saving a record and enqueuing its jobs leaves the
 * field behind; the next apply of that record (the unacknowledged inbox entry, the sync page whose
 * cursor was not saved, ioredis re-sending the command) compares against the values held there and
 * reports the change again instead of "unchanged". The field goes once the fan-out is done (`SETTLE`).
 *
 * Field value: `token cjson({ "hashKey\nid": oldJson })`, the values before the first unsettled apply.
 */

// KEYS: [1] refs hash, [2] outbox hash; ARGV: [1] ref field, [2] produced list JSON, [3] token,
// [4..] triples (hashKey, id, json|''). Returns { olds of the triples, extra quads (hashKey, id, old,
// current) for entities pending from an earlier apply that this one no longer touches }.
export const APPLY = luaScript(`
local pending = redis.call('HGET', KEYS[2], ARGV[1])
local saved = {}
if pending then saved = cjson.decode(string.sub(pending, string.find(pending, ' ', 1, true) + 1)) end
local olds, seen, changed = {}, {}, false
for i = 4, #ARGV, 3 do
  local key, id, json = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local cur = redis.call('HGET', key, id) or ''
  local f = key .. '\\n' .. id
  if saved[f] == nil then saved[f] = cur end
  seen[f] = true
  table.insert(olds, saved[f])
  if saved[f] ~= json then changed = true end
  if json == '' then
    if cur ~= '' then redis.call('HDEL', key, id) end
  elseif cur ~= json then
    redis.call('HSET', key, id, json)
  end
end
local extra = {}
for f, old in pairs(saved) do
  if not seen[f] then
    local nl = string.find(f, '\\n', 1, true)
    local key, id = string.sub(f, 1, nl - 1), string.sub(f, nl + 1)
    local cur = redis.call('HGET', key, id) or ''
    if cur ~= old then changed = true end
    table.insert(extra, key)
    table.insert(extra, id)
    table.insert(extra, old)
    table.insert(extra, cur)
  end
end
if ARGV[2] == '[]' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
if changed then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3] .. ' ' .. cjson.encode(saved))
else
  redis.call('HDEL', KEYS[2], ARGV[1])
end
return { olds, extra }
`);

// KEYS: [1] outbox hash; ARGV: pairs (ref field, token). Drops a field only if the token is still the one
// written by that apply: a later apply of the same record, not yet fanned out, keeps its field.
export const SETTLE = luaScript(`
for i = 1, #ARGV, 2 do
  local v = redis.call('HGET', KEYS[1], ARGV[i])
  local t = ARGV[i + 1] .. ' '
  if v and string.sub(v, 1, #t) == t then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
return 0
`);

/** Proof that one apply's fan-out is pending; handed back to `settle` once its jobs are enqueued. */
export interface MirrorReceipt {
  readonly field: string;
  readonly token: string;
}

export const newToken = (): string => randomBytes(8).toString('hex');
