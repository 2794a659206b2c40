import type { RedisClient } from '../queue/redis.js';
import type { KeySpace } from './keys.js';
import { luaScript } from './lua-script.js';

export type CrmValue = string | number | boolean | null;
export type WriteOperation = 'update' | 'upsert' | 'delete';
export type CrmFields = Readonly<Record<string, CrmValue>>;

/** One record's desired field values, as a decision job wants them to be in the CRM. */
export interface WriteBackRequest {
  readonly objectType: string;
  /**
   * `update` an existing record by id; `upsert` a custom-object row by external key; `delete` the row
   * we upserted under that external key (fields empty; the CRM id is the one the upsert returned).
   */
  readonly operation: WriteOperation;
  /** `Id`/`id` for updates; the external-key field for upserts and deletes. */
  readonly idField: string;
  readonly id: string;
  readonly fields: CrmFields;
}

export interface PendingWrite {
  readonly key: string;
  readonly request: WriteBackRequest;
  /** Exact stored value, so `complete` only removes it when no newer request arrived meanwhile. */
  readonly raw: string;
}

export interface WriteRejection {
  readonly key: string;
  readonly objectType: string;
  readonly id: string;
  readonly crmCode: string;
  readonly message: string;
  readonly fields: readonly string[];
  readonly at: string;
}

export type WriteOutcome =
  | {
      readonly key: string;
      readonly raw: string;
      readonly status: 'written';
      readonly fields: CrmFields;
      /** Part of the write (an association) the CRM refused: recorded for admins, the rest is written. */
      readonly rejection?: WriteRejection;
    }
  | { readonly key: string; readonly raw: string; readonly status: 'noop' }
  | {
      readonly key: string;
      readonly raw: string;
      readonly status: 'rejected';
      readonly rejection: WriteRejection;
    };

/**
 * Per-connection write-back state: pending requests coalesced per record (newer values win field by
 * field), the values last written (to skip no-ops), and permanent rejections an admin can read.
 */
export interface WriteBackStore {
  enqueue(connectionId: string, requests: readonly WriteBackRequest[]): Promise<void>;
  take(connectionId: string, limit: number): Promise<PendingWrite[]>;
  lastWritten(connectionId: string, keys: readonly string[]): Promise<(Record<string, CrmValue> | null)[]>;
  complete(connectionId: string, outcomes: readonly WriteOutcome[]): Promise<void>;
  pendingCount(connectionId: string): Promise<number>;
  /** The request waiting longest: its object type and when it was first queued (ms since epoch). */
  oldestQueued(connectionId: string): Promise<{ objectType: string; queuedAt: number } | null>;
  rejections(connectionId: string): Promise<WriteRejection[]>;
  /** Forget what was written for a record (it was deleted in the CRM), so a re-created one gets written. */
  forget(connectionId: string, keys: readonly string[]): Promise<void>;
  /** Remembers the CRM ids upserts returned (by upsert write key), so a later delete can name the row. */
  rememberIds(connectionId: string, entries: readonly { key: string; crmId: string }[]): Promise<void>;
  crmIds(connectionId: string, keys: readonly string[]): Promise<(string | null)[]>;
}

export function writeKey(r: Pick<WriteBackRequest, 'objectType' | 'operation' | 'idField' | 'id'>): string {
  return [r.objectType, r.operation, r.idField, r.id].join('|');
}

function parseKey(key: string): Omit<WriteBackRequest, 'fields'> | null {
  const [objectType, operation, idField, ...rest] = key.split('|');
  if (
    objectType === undefined ||
    idField === undefined ||
    (operation !== 'update' && operation !== 'upsert' && operation !== 'delete')
  )
    return null;
  return { objectType, operation, idField, id: rest.join('|') };
}

// KEYS: pending hash, queue zset; ARGV: now, then (key, fieldsJson, cancelKey) triples. Merges field
// by field; a delete cancels a pending upsert of the same row and an upsert a pending delete.
const ENQUEUE = luaScript(`
for i = 2, #ARGV, 3 do
  local key, incoming, cancel = ARGV[i], cjson.decode(ARGV[i + 1]), ARGV[i + 2]
  if cancel ~= '' then
    redis.call('HDEL', KEYS[1], cancel)
    redis.call('ZREM', KEYS[2], cancel)
  end
  local current = redis.call('HGET', KEYS[1], key)
  local merged = current and cjson.decode(current) or {}
  for f, v in pairs(incoming) do merged[f] = v end
  redis.call('HSET', KEYS[1], key, cjson.encode(merged))
  redis.call('ZADD', KEYS[2], 'NX', ARGV[1], key)
end
return 1
`);

// KEYS: pending, queue, written, rejections; ARGV: (key, raw, status, payload, partRejection) quints.
const COMPLETE = luaScript(`
for i = 1, #ARGV, 5 do
  local key, raw, status, payload, part = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  if redis.call('HGET', KEYS[1], key) == raw then
    redis.call('HDEL', KEYS[1], key)
    redis.call('ZREM', KEYS[2], key)
  end
  if status == 'written' then
    local current = redis.call('HGET', KEYS[3], key)
    local merged = current and cjson.decode(current) or {}
    for f, v in pairs(cjson.decode(payload)) do merged[f] = v end
    redis.call('HSET', KEYS[3], key, cjson.encode(merged))
    if part ~= '' then
      redis.call('HSET', KEYS[4], key, part)
    else
      redis.call('HDEL', KEYS[4], key)
    end
  elseif status == 'rejected' then
    redis.call('HSET', KEYS[4], key, payload)
  end
end
return 1
`);

/** ENQUEUE's arguments: the time, then per request its key, fields and the key of its opposite operation. */
function enqueueArgs(requests: readonly WriteBackRequest[], now: number): string[] {
  const args: string[] = [String(now)];
  for (const r of requests) {
    const opposite = r.operation === 'delete' ? 'upsert' : r.operation === 'upsert' ? 'delete' : null;
    args.push(
      writeKey(r),
      JSON.stringify(r.fields),
      opposite === null ? '' : writeKey({ ...r, operation: opposite }),
    );
  }
  return args;
}

/** Queued keys with their pending fields; a key whose fields are gone (or unparseable) is stale. */
function pairQueued(
  queued: readonly string[],
  raws: readonly (string | null | undefined)[],
): { out: PendingWrite[]; stale: string[] } {
  const out: PendingWrite[] = [];
  const stale: string[] = [];
  queued.forEach((key, i) => {
    const raw = raws[i];
    const parsed = parseKey(key);
    if (raw === null || raw === undefined || parsed === null) {
      stale.push(key);
      return;
    }
    out.push({ key, raw, request: { ...parsed, fields: JSON.parse(raw) as CrmFields } });
  });
  return { out, stale };
}

/** COMPLETE's arguments: per outcome its key, the raw fields it took, status, payload and partial rejection. */
function completeArgs(outcomes: readonly WriteOutcome[]): string[] {
  const args: string[] = [];
  for (const o of outcomes) {
    const payload =
      o.status === 'written'
        ? JSON.stringify(o.fields)
        : o.status === 'rejected'
          ? JSON.stringify(o.rejection)
          : '';
    const part = o.status === 'written' && o.rejection !== undefined ? JSON.stringify(o.rejection) : '';
    args.push(o.key, o.raw, o.status, payload, part);
  }
  return args;
}

export function createWriteBackStore(
  redis: RedisClient,
  keys: KeySpace,
  now: () => number = Date.now,
): WriteBackStore {
  const k = (connectionId: string) => ({
    pending: keys.connection(connectionId, 'wb', 'pending'),
    queue: keys.connection(connectionId, 'wb', 'queue'),
    written: keys.connection(connectionId, 'wb', 'written'),
    rejections: keys.connection(connectionId, 'wb', 'rejections'),
    crmIds: keys.connection(connectionId, 'wb', 'crm-ids'),
  });
  return {
    async enqueue(connectionId, requests) {
      if (requests.length === 0) return;
      const { pending, queue } = k(connectionId);
      await ENQUEUE.run(redis, [pending, queue], enqueueArgs(requests, now()));
    },
    async take(connectionId, limit) {
      const { pending, queue } = k(connectionId);
      const queued = await redis.zrange(queue, 0, limit - 1);
      if (queued.length === 0) return [];
      const raws = await redis.hmget(pending, ...queued);
      const { out, stale } = pairQueued(queued, raws);
      if (stale.length > 0) await redis.zrem(queue, ...stale);
      return out;
    },
    async lastWritten(connectionId, writeKeys) {
      if (writeKeys.length === 0) return [];
      const rows = await redis.hmget(k(connectionId).written, ...writeKeys);
      return rows.map((r) => (r === null ? null : (JSON.parse(r) as Record<string, CrmValue>)));
    },
    async complete(connectionId, outcomes) {
      if (outcomes.length === 0) return;
      const { pending, queue, written, rejections } = k(connectionId);
      await COMPLETE.run(redis, [pending, queue, written, rejections], completeArgs(outcomes));
    },
    pendingCount: (connectionId) => redis.zcard(k(connectionId).queue),
    async oldestQueued(connectionId) {
      const [key, score] = await redis.zrange(k(connectionId).queue, 0, 0, 'WITHSCORES');
      const parsed = key === undefined ? null : parseKey(key);
      return parsed === null || score === undefined
        ? null
        : { objectType: parsed.objectType, queuedAt: Number(score) };
    },
    async rejections(connectionId) {
      const all = await redis.hvals(k(connectionId).rejections);
      return all.map((r) => JSON.parse(r) as WriteRejection);
    },
    async forget(connectionId, writeKeys) {
      if (writeKeys.length === 0) return;
      await redis.hdel(k(connectionId).written, ...writeKeys);
      await redis.hdel(k(connectionId).crmIds, ...writeKeys);
    },
    async rememberIds(connectionId, entries) {
      if (entries.length > 0)
        await redis.hset(k(connectionId).crmIds, Object.fromEntries(entries.map((e) => [e.key, e.crmId])));
    },
    async crmIds(connectionId, writeKeys) {
      if (writeKeys.length === 0) return [];
      return redis.hmget(k(connectionId).crmIds, ...writeKeys);
    },
  };
}
