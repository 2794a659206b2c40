import { Queue } from 'bullmq';
import type { KeySpace } from '../store/keys.js';
import { QUEUE_NAMES } from './queue-names.js';
import type { RedisClient } from './redis.js';
import type { Logger } from '../core/logger.js';
import { queueErrorListener } from './redis-reconnect-noise.js';

/** A connection's queue by name: every job belongs to one connection and lives on its shard. */
export type QueueLookup = (name: string, connectionId: string) => Queue;

export interface QueueSet {
  /** Every queue of every connection given (and of any other connection looked up since). */
  all(): Queue[];
  /** The named queue of a connection; an unknown queue name is a programming error. */
  queue: QueueLookup;
  close(): Promise<void>;
}

/**
 * Every queue of each connection on one Redis client. Each connection's queues carry its hash tag
 * (`keys.queuePrefix`), so one busy connection's queue traffic lands on its own cluster shard.
 */
export function createQueueSet(
  client: RedisClient,
  keys: KeySpace,
  connectionIds: readonly string[],
  /** Where queue errors go; reconnect noise while Redis is away goes at debug level. */
  log?: Logger,
): QueueSet {
  const queues = new Map<string, Queue>();
  const known = new Set<string>(QUEUE_NAMES);
  const queue: QueueLookup = (name, connectionId) => {
    if (!known.has(name)) throw new Error(`no queue named ${name}`);
    const id = `${connectionId}\u0000${name}`;
    const existing = queues.get(id);
    if (existing !== undefined) return existing;
    const created = new Queue(name, { connection: client, prefix: keys.queuePrefix(connectionId) });
    // Without a listener BullMQ prints every failed reconnect attempt of the shared client to stderr.
    created.on('error', queueErrorListener(log, { queue: name, connection: connectionId }));
    queues.set(id, created);
    return created;
  };
  for (const connectionId of connectionIds) for (const name of QUEUE_NAMES) queue(name, connectionId);
  return {
    all: () => [...queues.values()],
    queue,
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
