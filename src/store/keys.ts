/**
 * Every Redis key the service writes, and the one place their layout is decided (docs/design.md,
 * "Redis key layout"). Every key of a connection, its BullMQ queues included, carries the hash tag
 * `{connection}`: `prefix:{connection}:part…` for state and `prefix:{connection}:bull:queue:…` for
 * queues. So every multi-key script and transaction of one connection runs on one Redis Cluster slot,
 * and different connections spread over the cluster's shards.
 */
export interface KeySpace {
  readonly prefix: string;
  /** BullMQ `prefix` option of a connection's queues: its hash tag, so its queues live on its shard. */
  queuePrefix(connectionId: string): string;
  connection(connectionId: string, ...parts: string[]): string;
  /**
   * Keys that belong to no connection (admin console sessions): `prefix:{~service}:part…`. The `~` is
   * outside the characters a connection id may use, so no connection can share this slot's tag.
   */
  service(...parts: string[]): string;
}

const SAFE_PART = /^[A-Za-z0-9_.-]+$/;
/** The part after the hash tag that only queue keys use. */
const QUEUE_PART = 'bull';

export function createKeySpace(prefix: string): KeySpace {
  const check = (part: string): string => {
    if (!SAFE_PART.test(part)) throw new Error(`unsafe Redis key part: ${JSON.stringify(part)}`);
    return part;
  };
  const tagged = (connectionId: string): string => `${prefix}:{${check(connectionId)}}`;
  return {
    prefix,
    queuePrefix: (connectionId) => `${tagged(connectionId)}:${QUEUE_PART}`,
    connection: (connectionId, ...parts) => {
      if (parts[0] === QUEUE_PART) throw new Error(`"${QUEUE_PART}" is reserved for queue keys`);
      return [tagged(connectionId), ...parts.map(check)].join(':');
    },
    service: (...parts) => [`${prefix}:{~service}`, ...parts.map(check)].join(':'),
  };
}
