/**
 * Atomic Redis scripts behind RateBudget. All keys of one connection share a {hash-tag}, so each
 * script touches a single Redis Cluster slot. Time comes from the caller (injectable in tests).
 *
 * Reply of RATE_BUDGET_LUA: {verdict, waitMs, dailyUsed}; verdict 1 = granted, 2 = granted and the
 * daily warning threshold was just crossed, 0 = wait waitMs (bucket empty or paused), -1 = daily
 * share exhausted.
 */
export const RATE_BUDGET_LUA = `
local now = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local cap = tonumber(ARGV[5])
local warnAt = tonumber(ARGV[6])
local dayTtl = tonumber(ARGV[7])
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return {0, paused - now, 0} end
local used = 0
if cap > 0 then
  used = tonumber(redis.call('GET', KEYS[3]) or '0')
  if used + cost > cap then return {-1, 0, used} end
end
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then tokens = capacity; ts = now end
if now > ts then
  tokens = math.min(capacity, tokens + (now - ts) * rate)
  ts = now
end
local ttl = math.ceil(capacity / rate) + 1000
if tokens < cost then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
  redis.call('PEXPIRE', KEYS[1], ttl)
  return {0, math.ceil((cost - tokens) / rate), used}
end
tokens = tokens - cost
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
redis.call('PEXPIRE', KEYS[1], ttl)
local verdict = 1
if cap > 0 then
  local after = redis.call('INCRBY', KEYS[3], cost)
  redis.call('PEXPIRE', KEYS[3], dayTtl)
  if warnAt > 0 and used < warnAt and after >= warnAt then verdict = 2 end
  used = after
end
return {verdict, 0, used}
`;

/** KEYS[1] pause key; ARGV: untilMs, ttlMs, policy. Only ever extends a pause. */
export const RATE_PAUSE_LUA = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local untilMs = tonumber(ARGV[1])
if untilMs > cur then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return ARGV[3]
`;

/** KEYS[1] daily counter; ARGV: vendor-reported used, ttlMs. Only ever raises the counter. */
export const RATE_OBSERVE_LUA = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local v = tonumber(ARGV[1])
if v > cur then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1
`;

/**
 * KEYS[1] bucket, KEYS[2] pause, KEYS[3] today's daily counter; ARGV: now, capacity, refill per ms.
 * Read-only: the tokens the bucket holds at `now` (refilled, not spent), how long a pause still lasts
 * and the calls counted today. Reply {tokens, pausedForMs, dailyUsed}, tokens as a string (Lua numbers
 * reach Redis as integers).
 */
export const RATE_ROOM_LUA = `
local now = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
local used = tonumber(redis.call('GET', KEYS[3]) or '0')
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then tokens = capacity; ts = now end
if now > ts then tokens = math.min(capacity, tokens + (now - ts) * rate) end
return {tostring(tokens), math.max(0, paused - now), used}
`;
