import type { Redis } from 'ioredis';
import type { KeySpace } from './keys.js';

/**
 * Verified webhook bodies waiting for the ingest job, one Redis Stream per connection. Intake appends
 * the raw bytes with one command; the job reads them through a consumer group and acknowledges (and
 * deletes) each entry only after its events are in the inbox. Entries a crashed job left pending are
 * read again by the next job, so nothing verified is ever lost.
 */
export interface SpoolEntry {
  readonly id: string;
  readonly body: Buffer;
}

export interface WebhookSpool {
  /**
   * Appends the bytes. With `replay` (a digest of the signed request and how long its signature stays
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

/** SET NX of the request key and XADD in one step: a replay never reaches the stream. */
const APPEND_ONCE = `
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[2]) then
  redis.call('XADD', KEYS[1], '*', 'b', ARGV[1])
  return 1
end
return 0`;

type StreamReply = [string, [string, string[]][]][] | null;

function isMissingGroup(err: unknown): boolean {
  return err instanceof Error && err.message.includes('NOGROUP');
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
  const toEntries = (rows: [string, string[]][]): SpoolEntry[] =>
    rows.flatMap(([id, fields]) => {
      const at = fields.indexOf('b');
      const body = at >= 0 ? fields[at + 1] : undefined;
      return body === undefined ? [] : [{ id, body: Buffer.from(body, 'utf8') }];
    });
  // Every reader uses one consumer name per connection, so entries a crashed job had read (pending,
  // never acknowledged) come back to the next job at once: it reads its pending entries ('0') before
  // new ones ('>'). Two jobs reading the same pending entries is harmless: the inbox is idempotent.
  const readOnce = async (connectionId: string, count: number, retry: boolean): Promise<SpoolEntry[]> => {
    const key = streamKey(connectionId);
    try {
      const pending = (await redis.xreadgroup(
        'GROUP',
        GROUP,
        CONSUMER,
        'COUNT',
        count,
        'STREAMS',
        key,
        '0',
      )) as StreamReply;
      const recovered = toEntries(pending?.[0]?.[1] ?? []);
      if (recovered.length > 0) return recovered;
      const fresh = (await redis.xreadgroup(
        'GROUP',
        GROUP,
        CONSUMER,
        'COUNT',
        count,
        'STREAMS',
        key,
        '>',
      )) as StreamReply;
      return toEntries(fresh?.[0]?.[1] ?? []);
    } catch (err) {
      if (!isMissingGroup(err) || !retry) throw err;
      await ensureGroup(key);
      return readOnce(connectionId, count, false);
    }
  };
  return {
    async append(connectionId, body, replay) {
      if (replay === undefined) {
        await redis.xadd(streamKey(connectionId), '*', 'b', body);
        return true;
      }
      const seenKey = keys.connection(connectionId, 'seen-request', replay.requestKey);
      const added = await redis.eval(APPEND_ONCE, 2, streamKey(connectionId), seenKey, body, replay.ttlMs);
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
