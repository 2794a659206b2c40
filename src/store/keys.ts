/**
 * Every Redis key the service writes. Keys of one connection share the hash tag `{prefix:connection}`
 * so multi-key scripts (rate budget, idempotency, mirror + index) run on one Redis Cluster slot.
 */
export interface KeySpace {
  readonly prefix: string;
  /** BullMQ `prefix` option: one hash tag for all queues, as BullMQ documents for Cluster. */
  readonly queuePrefix: string;
  connection(connectionId: string, ...parts: string[]): string;
  global(...parts: string[]): string;
}

const SAFE_PART = /^[A-Za-z0-9_.-]+$/;

export function createKeySpace(prefix: string): KeySpace {
  const check = (part: string): string => {
    if (!SAFE_PART.test(part)) throw new Error(`unsafe Redis key part: ${JSON.stringify(part)}`);
    return part;
  };
  return {
    prefix,
    queuePrefix: `{${prefix}}`,
    connection: (connectionId, ...parts) =>
      [`${prefix}:{${check(connectionId)}}`, ...parts.map(check)].join(':'),
    global: (...parts) => [`{${prefix}}`, ...parts.map(check)].join(':'),
  };
}
