import { Queue } from 'bullmq';
import type { RedisClient } from './redis.js';
import { QUEUE_NAMES } from './queue-names.js';

export interface QueueSet {
  readonly queues: ReadonlyMap<string, Queue>;
  /** The named queue; an unknown name is a programming error. */
  queue(name: string): Queue;
  close(): Promise<void>;
}

/** Every queue of the service on one Redis client, under the hash-tagged prefix. */
export function createQueueSet(client: RedisClient, prefix: string): QueueSet {
  const queues = new Map<string, Queue>(
    QUEUE_NAMES.map((name) => [name, new Queue(name, { connection: client, prefix })]),
  );
  return {
    queues,
    queue: (name) => {
      const q = queues.get(name);
      if (q === undefined) throw new Error(`no queue named ${name}`);
      return q;
    },
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
