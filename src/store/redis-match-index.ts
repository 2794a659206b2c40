import { scanKeys, type RedisClient } from '../queue/redis.js';
import { blockingKeys, isStrongKey } from '../matching/blocking-keys.js';
import { keyHash } from '../matching/key-hash.js';
import type { MatchIndex, MatchIndexOptions } from '../matching/match-index.js';
import { MatchRecord } from '../matching/match-record.js';
import { prepareRecord, type PreparedRecord } from '../matching/prepare-record.js';
import type { KeySpace } from './keys.js';
import { luaScript } from './lua-script.js';

/**
 * Layout (all keys of one index share a hash tag, so every script runs on one Cluster slot):
 * - `…:match:rec`  hash id → the record's `MatchRecord` JSON (re-prepared on read, so a tuned
 *   normaliser applies to stored records without a rebuild of the record hash);
 * - `…:match:kh`   hash id → the record's hashed blocking keys, space-separated (exact removal even
 *   after the blocking rules change);
 * - `…:match:k:<hash36>` a set of ids per hashed blocking key.
 */

// KEYS: rec, kh; ARGV: [1] set-key prefix, then (id, json, hashes) triples. Moves each record's set
// memberships from its old keys to its new ones and stores it, atomically.
const UPSERT = luaScript(`
local prefix = ARGV[1]
for i = 2, #ARGV, 3 do
  local id, json, joined = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local new = {}
  for h in string.gmatch(joined, '%S+') do new[h] = true end
  local old = redis.call('HGET', KEYS[2], id)
  if old then
    for h in string.gmatch(old, '%S+') do
      if new[h] then new[h] = false else redis.call('SREM', prefix .. h, id) end
    end
  end
  for h, add in pairs(new) do
    if add then redis.call('SADD', prefix .. h, id) end
  end
  redis.call('HSET', KEYS[1], id, json)
  redis.call('HSET', KEYS[2], id, joined)
end
return 1
`);

// KEYS: rec, kh; ARGV: [1] set-key prefix, then ids. Unknown ids are ignored.
const REMOVE = luaScript(`
local prefix = ARGV[1]
for i = 2, #ARGV do
  local id = ARGV[i]
  local old = redis.call('HGET', KEYS[2], id)
  if old then
    for h in string.gmatch(old, '%S+') do redis.call('SREM', prefix .. h, id) end
    redis.call('HDEL', KEYS[1], id)
    redis.call('HDEL', KEYS[2], id)
  end
end
return 1
`);

// KEYS: rec, then one set per blocking key; ARGV: self id, max postings, limit, strong flags ("1"/"0"
// per set key). A non-strong key with more members than max postings is a stop key and is skipped.
// Returns id, json pairs ordered by id, capped at limit: one round trip per check.
const CANDIDATES = luaScript(`
local self, maxPostings, limit, strong = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local seen, ids = {}, {}
for i = 2, #KEYS do
  local n = redis.call('SCARD', KEYS[i])
  if n > 0 and (n <= maxPostings or string.sub(strong, i - 1, i - 1) == '1') then
    for _, id in ipairs(redis.call('SMEMBERS', KEYS[i])) do
      if id ~= self and not seen[id] then seen[id] = true; ids[#ids + 1] = id end
    end
  end
end
table.sort(ids)
local out = {}
for i = 1, math.min(#ids, limit) do
  local json = redis.call('HGET', KEYS[1], ids[i])
  if json then out[#out + 1] = ids[i]; out[#out + 1] = json end
end
return out
`);

export interface RedisMatchIndexOptions extends MatchIndexOptions {
  /** Records per upsert/remove script call (bulk loads pipeline several calls). */
  readonly batchSize?: number;
}

export interface RedisMatchIndex extends MatchIndex {
  /** Stored records by id (null when absent), re-prepared. */
  get(ids: readonly string[]): Promise<(PreparedRecord | null)[]>;
  /** Deletes every key of this index (tests, rebuilds). */
  clear(): Promise<void>;
}

interface IndexKeys {
  readonly rec: string;
  readonly kh: string;
  readonly setPrefix: string;
}

/** The keys of one connection's match index. */
export function connectionIndexKeys(keys: KeySpace, connectionId: string): IndexKeys {
  const base = keys.connection(connectionId, 'match');
  return { rec: `${base}:rec`, kh: `${base}:kh`, setPrefix: `${base}:k:` };
}

function hashedKeys(record: PreparedRecord): { hashes: string[]; strong: boolean[] } {
  const strongOf = new Map<string, boolean>();
  for (const key of blockingKeys(record)) {
    const h = keyHash(key).toString(36);
    strongOf.set(h, (strongOf.get(h) ?? false) || isStrongKey(key));
  }
  return { hashes: [...strongOf.keys()], strong: [...strongOf.values()] };
}

function decode(json: string): PreparedRecord {
  return prepareRecord(MatchRecord.parse(JSON.parse(json)));
}

/** {@link MatchIndex} on Redis for one connection: shared by every worker, atomic per call. */
export function createRedisMatchIndex(
  redis: RedisClient,
  keys: KeySpace,
  connectionId: string,
  options: RedisMatchIndexOptions = {},
): RedisMatchIndex {
  const k = connectionIndexKeys(keys, connectionId);
  const maxPostings = options.maxPostings ?? 200;
  const maxCandidates = options.maxCandidates ?? 200;
  const batchSize = options.batchSize ?? 500;
  const chunks = <T>(items: readonly T[]): T[][] => {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += batchSize) out.push(items.slice(i, i + batchSize));
    return out;
  };
  return {
    async upsert(records) {
      // Later duplicates of an id in one call win, as in the in-memory index.
      const last = new Map(records.map((r) => [r.id, r]));
      await Promise.all(
        chunks([...last.values()]).map((batch) => {
          const args: string[] = [k.setPrefix];
          for (const r of batch)
            args.push(r.id, JSON.stringify({ ...r.source, id: r.id }), hashedKeys(r).hashes.join(' '));
          return UPSERT.run(redis, [k.rec, k.kh], args);
        }),
      );
    },
    async remove(ids) {
      await Promise.all(
        chunks(ids).map((batch) => REMOVE.run(redis, [k.rec, k.kh], [k.setPrefix, ...batch])),
      );
    },
    async candidates(record, limit = maxCandidates) {
      const { hashes, strong } = hashedKeys(record);
      if (hashes.length === 0) return [];
      const flags = strong.map((s) => (s ? '1' : '0')).join('');
      const flat = (await CANDIDATES.run(
        redis,
        [k.rec, ...hashes.map((h) => k.setPrefix + h)],
        [record.id, maxPostings, limit, flags],
      )) as string[];
      const out: PreparedRecord[] = [];
      for (let i = 1; i < flat.length; i += 2) out.push(decode(flat[i] ?? ''));
      return out;
    },
    size: () => redis.hlen(k.rec),
    async get(ids) {
      if (ids.length === 0) return [];
      const rows = await redis.hmget(k.rec, ...ids);
      return rows.map((json) => (json === null ? null : decode(json)));
    },
    async clear() {
      // Every key of the index carries the connection's hash tag: one slot, so one UNLINK per batch.
      for await (const { node, keys: found } of scanKeys(redis, `${k.setPrefix}*`))
        await node.unlink(...found);
      await redis.unlink(k.rec, k.kh);
    },
  };
}
