import type { RedisClient } from '../queue/redis.js';
import type { KeySpace } from './keys.js';
import { luaScript } from './lua-script.js';

/**
 * Per-connection inbox of records to re-read. Webhooks are hints: we keep only "this record changed at
 * time T" (the newest T per record), deduplicated by the event's idempotency key, and the ingest job
 * re-reads the current record from the CRM. Redeliveries, reordering and bursts on one record all
 * collapse into one entry. One script call per webhook request.
 */
export interface InboxEntry {
  readonly objectType: string;
  readonly objectId: string;
  /** Newest change time seen for the record, ms since epoch. */
  readonly occurredAt: number;
}

export interface InboxChange extends InboxEntry {
  /** Idempotency key of the delivery; repeated keys are ignored for `seenTtlSeconds`. */
  readonly dedupeKey: string;
}

// KEYS: [1] inbox, [2] newest change time ever recorded, [3..] one "seen" key per change.
// ARGV: [1] seen TTL, then (member, occurredAt) per change.
const RECORD_SCRIPT = luaScript(`
local ttl = tonumber(ARGV[1])
local accepted = 0
local newest = tonumber(redis.call('GET', KEYS[2]) or '0')
for i = 3, #KEYS do
  local base = 2 + (i - 3) * 2
  if redis.call('SET', KEYS[i], '1', 'NX', 'EX', ttl) then
    accepted = accepted + 1
    redis.call('ZADD', KEYS[1], 'GT', ARGV[base + 1], ARGV[base])
    local at = tonumber(ARGV[base + 1])
    if at > newest then newest = at end
  end
end
if newest > 0 then redis.call('SET', KEYS[2], tostring(newest)) end
return accepted
`);

const ACK_SCRIPT = luaScript(`
local removed = 0
for i = 1, #ARGV, 2 do
  local current = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if current and tonumber(current) <= tonumber(ARGV[i + 1]) then
    removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return removed
`);

const SEPARATOR = '|';

function member(entry: { objectType: string; objectId: string }): string {
  return `${entry.objectType}${SEPARATOR}${entry.objectId}`;
}

function parseMember(value: string, score: string): InboxEntry | null {
  const at = value.indexOf(SEPARATOR);
  if (at <= 0) return null;
  return { objectType: value.slice(0, at), objectId: value.slice(at + 1), occurredAt: Number(score) };
}

export interface ChangeInbox {
  /** Records new changes; returns how many were new (not redeliveries). */
  record(connectionId: string, changes: readonly InboxChange[]): Promise<number>;
  /** Oldest-first entries, left in place until `ack`. */
  peek(connectionId: string, limit: number): Promise<InboxEntry[]>;
  /** Removes entries that were processed, unless a newer change arrived for them meanwhile. */
  ack(connectionId: string, entries: readonly InboxEntry[]): Promise<number>;
  size(connectionId: string): Promise<number>;
  /** The entry waiting longest (its change the oldest), or null when the inbox is empty. */
  oldest(connectionId: string): Promise<InboxEntry | null>;
  /**
   * When the newest change ever recorded happened (ms since epoch), or null. Kept after the entries are
   * processed and acknowledged, so "last change received" does not go blank once the inbox drains.
   */
  lastReceivedAt(connectionId: string): Promise<number | null>;
}

export function createChangeInbox(
  redis: RedisClient,
  keys: KeySpace,
  seenTtlSeconds = 48 * 3600,
): ChangeInbox {
  const inboxKey = (connectionId: string): string => keys.connection(connectionId, 'inbox');
  const lastKey = (connectionId: string): string => keys.connection(connectionId, 'inbox-last');
  return {
    async record(connectionId, changes) {
      if (changes.length === 0) return 0;
      const keyList = [
        inboxKey(connectionId),
        lastKey(connectionId),
        ...changes.map((c) => keys.connection(connectionId, 'seen', c.dedupeKey)),
      ];
      const args = [String(seenTtlSeconds), ...changes.flatMap((c) => [member(c), String(c.occurredAt)])];
      const accepted = await RECORD_SCRIPT.run(redis, keyList, args);
      return Number(accepted);
    },
    async peek(connectionId, limit) {
      const flat = await redis.zrange(inboxKey(connectionId), 0, limit - 1, 'WITHSCORES');
      const entries: InboxEntry[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const entry = parseMember(flat[i] ?? '', flat[i + 1] ?? '0');
        if (entry !== null) entries.push(entry);
      }
      return entries;
    },
    async ack(connectionId, entries) {
      if (entries.length === 0) return 0;
      const args = entries.flatMap((e) => [member(e), String(e.occurredAt)]);
      return Number(await ACK_SCRIPT.run(redis, [inboxKey(connectionId)], args));
    },
    size: (connectionId) => redis.zcard(inboxKey(connectionId)),
    async oldest(connectionId) {
      const [value, score] = await redis.zrange(inboxKey(connectionId), 0, 0, 'WITHSCORES');
      return value === undefined || score === undefined ? null : parseMember(value, score);
    },
    async lastReceivedAt(connectionId) {
      const raw = await redis.get(lastKey(connectionId));
      const at = raw === null ? NaN : Number(raw);
      return Number.isFinite(at) && at > 0 ? at : null;
    },
  };
}
