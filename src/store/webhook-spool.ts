import DataLoader from 'dataloader';
import type { RedisClient } from '../queue/redis.js';
import type { KeySpace } from './keys.js';
import { luaScript } from './lua-script.js';
import { createSharedDeadline } from './shared-deadline.js';
import { SPOOL_BODY_FIELD, decodeSpoolBody, encodeSpoolBody } from './spool-codec.js';

/**
 * Verified webhook bodies waiting for the ingest job, one Redis Stream per connection. Intake appends
 * the raw bytes, compressed (`spool-codec.ts`); the appends of all requests that finish in the same
 * event-loop turn go to Redis as one script call, so the per-command cost of the client and of Redis is
 * paid once per turn, not once per request. The job reads them through a consumer group
 * and acknowledges (and deletes) each entry only after its events are in the inbox. Entries a crashed
 * job left pending are read again by the next job, so nothing verified is ever lost.
 */
export interface SpoolEntry {
  readonly id: string;
  readonly body: Buffer;
}

export interface WebhookSpool {
  /**
   * Appends the bytes. With `replay` (a key naming the signed request and how long its signature stays
   * acceptable), the same signed request re-sent within that time is not appended again: `false`.
   */
  append(
    connectionId: string,
    body: Buffer,
    replay?: { readonly requestKey: string; readonly ttlMs: number },
  ): Promise<boolean>;
  /** Entries not yet acknowledged (a crashed job's first), oldest first. */
  read(connectionId: string, count: number): Promise<SpoolEntry[]>;
  ack(connectionId: string, ids: readonly string[]): Promise<void>;
  size(connectionId: string): Promise<number>;
}

const GROUP = 'ingest';
const CONSUMER = 'ingest';
/** Appends waiting for the same tick go to Redis in one script call of at most this many bodies. */
const MAX_APPEND_BATCH = 64;

/**
 * A batch of appends to one connection's stream in one step. ARGV: pairs of (replay ttl ms, or 0 for
 * none; body). Each pair with a ttl takes the next KEYS entry as its request key and is appended only if
 * SET NX takes that key, so a replay never reaches the stream, not even inside one batch. Arguments are
 * checked before anything is written: a refused batch leaves no entry behind.
 */
const APPEND_BATCH = luaScript(`
for i = 1, #ARGV, 2 do
  local ttl = tonumber(ARGV[i])
  if ttl == nil or ttl < 0 or ttl % 1 ~= 0 then
    return redis.error_reply('ERR spool append: bad replay ttl ' .. ARGV[i])
  end
end
local added = {}
local key = 2
for i = 1, #ARGV, 2 do
  local fresh = 1
  if ARGV[i] ~= '0' then
    fresh = redis.call('SET', KEYS[key], '1', 'NX', 'PX', ARGV[i]) and 1 or 0
    key = key + 1
  end
  if fresh == 1 then redis.call('XADD', KEYS[1], '*', '${SPOOL_BODY_FIELD}', ARGV[i + 1]) end
  added[#added + 1] = fresh
end
return added`);

interface PendingAppend {
  readonly body: Buffer;
  readonly replay: { readonly requestKey: string; readonly ttlMs: number } | undefined;
}

type BufferStreamReply = [Buffer, [Buffer, Buffer[]][]][] | null;

/** ioredis generates a Buffer-reply variant of every command; its typings omit this one. */
interface XreadgroupBuffer {
  xreadgroupBuffer(...args: (string | number)[]): Promise<unknown>;
}

function isMissingGroup(err: unknown): boolean {
  return err instanceof Error && err.message.includes('NOGROUP');
}

function toEntries(rows: readonly [Buffer, Buffer[]][]): SpoolEntry[] {
  return rows.flatMap(([id, fields]) => {
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const value = fields[i + 1];
      if (value === undefined) continue;
      const body = decodeSpoolBody(fields[i]?.toString('latin1'), value);
      if (body !== undefined) return [{ id: id.toString('latin1'), body }];
    }
    return [];
  });
}

export interface WebhookSpoolOptions {
  /** An append Redis has not answered in this time fails (the requests answer 503). Default 1 s. */
  readonly appendTimeoutMs?: number;
}

/** Reads a connection's spool through its consumer group, creating the group on first use. */
function spoolReader(
  redis: RedisClient,
  streamKey: (connectionId: string) => string,
): (connectionId: string, count: number, retry: boolean) => Promise<SpoolEntry[]> {
  const ensureGroup = async (key: string): Promise<void> => {
    try {
      await redis.xgroup('CREATE', key, GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!(err instanceof Error && err.message.includes('BUSYGROUP'))) throw err;
    }
  };
  const readGroup = async (key: string, count: number, from: '0' | '>'): Promise<SpoolEntry[]> => {
    const reply = (await (redis as unknown as XreadgroupBuffer).xreadgroupBuffer(
      'GROUP',
      GROUP,
      CONSUMER,
      'COUNT',
      count,
      'STREAMS',
      key,
      from,
    )) as BufferStreamReply;
    return toEntries(reply?.[0]?.[1] ?? []);
  };
  // Every reader uses one consumer name per connection, so entries a crashed job had read (pending,
  // never acknowledged) come back to the next job at once: it reads its pending entries ('0') before
  // new ones ('>'). Two jobs reading the same pending entries is harmless: the inbox is idempotent.
  const readOnce = async (connectionId: string, count: number, retry: boolean): Promise<SpoolEntry[]> => {
    const key = streamKey(connectionId);
    try {
      const recovered = await readGroup(key, count, '0');
      if (recovered.length > 0) return recovered;
      return await readGroup(key, count, '>');
    } catch (err) {
      if (!isMissingGroup(err) || !retry) throw err;
      await ensureGroup(key);
      return readOnce(connectionId, count, false);
    }
  };
  return readOnce;
}

export function createWebhookSpool(
  redis: RedisClient,
  keys: KeySpace,
  options: WebhookSpoolOptions = {},
): WebhookSpool {
  const deadline = createSharedDeadline(options.appendTimeoutMs ?? 1_000, 'webhook spool append');
  const streamKey = (connectionId: string): string => keys.connection(connectionId, 'spool');
  const readOnce = spoolReader(redis, streamKey);
  const appendBatch = async (connectionId: string, batch: readonly PendingAppend[]): Promise<boolean[]> => {
    const keysOfBatch = [streamKey(connectionId)];
    const args: (number | Buffer)[] = [];
    for (const { body, replay } of batch) {
      if (replay !== undefined)
        keysOfBatch.push(keys.connection(connectionId, 'seen-request', replay.requestKey));
      args.push(replay?.ttlMs ?? 0, body);
    }
    const added = await deadline.within(APPEND_BATCH.run(redis, keysOfBatch, args));
    if (!Array.isArray(added) || added.length !== batch.length)
      throw new Error(`spool append answered ${JSON.stringify(added)} for ${batch.length} bodies`);
    return added.map((flag) => flag === 1);
  };
  const appenders = new Map<string, DataLoader<PendingAppend, boolean>>();
  const appenderFor = (connectionId: string): DataLoader<PendingAppend, boolean> => {
    let appender = appenders.get(connectionId);
    if (appender === undefined) {
      appender = new DataLoader((batch) => appendBatch(connectionId, batch), {
        cache: false,
        maxBatchSize: MAX_APPEND_BATCH,
        // After the poll phase: every request whose body completed in this turn joins the batch.
        batchScheduleFn: (flush) => setImmediate(flush),
      });
      appenders.set(connectionId, appender);
    }
    return appender;
  };
  return {
    async append(connectionId, body, replay) {
      return appenderFor(connectionId).load({ body: encodeSpoolBody(body), replay });
    },
    async read(connectionId, count) {
      return readOnce(connectionId, count, true);
    },
    async ack(connectionId, ids) {
      if (ids.length === 0) return;
      const key = streamKey(connectionId);
      await redis
        .multi()
        .xack(key, GROUP, ...ids)
        .xdel(key, ...ids)
        .exec();
    },
    size: (connectionId) => redis.xlen(streamKey(connectionId)),
  };
}
