/**
 * What a Redis failure is, in words an operator can act on. Cluster redirections and refusals are
 * named as themselves: a MOVED, CROSSSLOT or CLUSTERDOWN is a configuration or cluster-health problem,
 * not "Redis unavailable" (https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/).
 */
export type RedisFailureKind = 'moved' | 'crossslot' | 'clusterdown' | 'unavailable';

export interface RedisFailure {
  readonly kind: RedisFailureKind;
  readonly reason: string;
}

const KINDS: readonly { prefix: string; kind: RedisFailureKind; reason: string }[] = [
  {
    prefix: 'MOVED',
    kind: 'moved',
    reason:
      'Redis Cluster MOVED: the key lives on another node (a single-node client pointed at a cluster: set REDIS_CLUSTER_NODES)',
  },
  {
    prefix: 'ASK',
    kind: 'moved',
    reason: 'Redis Cluster ASK: the slot is being migrated and the client did not follow',
  },
  {
    prefix: 'CROSSSLOT',
    kind: 'crossslot',
    reason: 'Redis Cluster CROSSSLOT: one command or script used keys of different hash slots',
  },
  {
    prefix: 'CLUSTERDOWN',
    kind: 'clusterdown',
    reason: 'Redis Cluster CLUSTERDOWN: the cluster is down or a slot has no master',
  },
];

export function redisFailureOf(err: unknown): RedisFailure {
  const message = err instanceof Error ? err.message : String(err);
  for (const k of KINDS) {
    if (message.startsWith(`${k.prefix} `) || message.includes(`: ${k.prefix} `))
      return { kind: k.kind, reason: k.reason };
  }
  if (/cross[- ]?slot|different (Redis Cluster )?slots|non local key/i.test(message))
    return { kind: 'crossslot', reason: `Redis Cluster CROSSSLOT: ${message}` };
  return { kind: 'unavailable', reason: 'Redis unavailable' };
}
