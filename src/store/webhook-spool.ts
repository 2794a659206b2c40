import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import type { KeySpace } from './keys.js';
import { luaScript } from './lua-script.js';

/**
 * Verified webhook bodies waiting for the ingest job, one Redis Stream per connection. Intake appends
 * the raw bytes, deflated (level 1: ~25 µs for a 100-event batch, 15–20× smaller, so Redis and the
 * socket carry a fraction of the bytes), with one command; the job reads them through a consumer group
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
/** Stream field of a deflated body. */
const DEFLATED = 'z';

/** SET NX of the request key and XADD in one step: a replay never reaches the stream. */
const APPEND_ONCE = luaScript(`
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[2]) then
  redis.call('XADD', KEYS[1], '*', '${DEFLATED}', ARGV[1])
  return 1
end
return 0`);

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
      const name = fields[i]?.toString('latin1');
      const value = fields[i + 1];
      if (value === undefined) continue;
      if (name === DEFLATED) return [{ id: id.toString('latin1'), body: inflateRawSync(value) }];
      if (name === 'b') return [{ id: id.toString('latin1'), body: value }];
    }
    return [];
  });
}

export function createWebhookSpool(redis: Redis, keys: KeySpace): WebhookSpool {
  const streamKey = (connectionId: string): string => keys.connection(connectionId, 'spool');
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
  return {
    async append(connectionId, body, replay) {
      const deflated = deflateRawSync(body, { level: 1 });
      if (replay === undefined) {
        await redis.xadd(streamKey(connectionId), '*', DEFLATED, deflated);
        return true;
      }
      const seenKey = keys.connection(connectionId, 'seen-request', replay.requestKey);
      const added = await APPEND_ONCE.run(
        redis,
        [streamKey(connectionId), seenKey],
        [deflated, replay.ttlMs],
      );
      return added === 1;
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
