import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisTarget } from './redis-target.js';

/** A single Redis or a Redis Cluster: every store, the rate budget and the queue runtime take either. */
export type RedisClient = Redis | Cluster;

/**
 * `worker`: BullMQ workers and jobs; commands wait through reconnects (BullMQ requires
 * maxRetriesPerRequest null). `http`: request handlers; commands fail fast while Redis is away so the
 * caller answers 503 and the CRM retries, instead of a request hanging. `spool`: the webhook spool's own
 * connection, fail-fast like `http` but without auto-pipelining and without a timer per command: the
 * spool already sends one script call per event-loop turn and keeps its own deadline
 * (`shared-deadline.ts`). On the shared auto-pipelined client with per-command timers the intake spent
 * several times as long in young-generation GC, and those pauses were its p99.
 */
export type RedisRole = 'worker' | 'http' | 'spool';

/**
 * Options of one connection. `replyMapping` is left at ioredis 6's default ("legacy": RESP3 maps and
 * doubles arrive in their RESP2 shapes), which is what BullMQ and our scripts read; the type leaves it
 * out because ioredis 6 types a client by the mapping its options name.
 */
export type NodeOptions = Omit<RedisOptions, 'replyMapping'>;

/** Cluster options whose per-node options leave `replyMapping` at its default, as `NodeOptions` do. */
export type ClusterClientOptions = Omit<ClusterOptions, 'redisOptions'> & {
  redisOptions: Omit<NonNullable<ClusterOptions['redisOptions']>, 'replyMapping'>;
};

export function redisOptions(role: RedisRole): NodeOptions {
  const common: NodeOptions = {
    lazyConnect: false,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
  };
  if (role === 'worker') return { ...common, maxRetriesPerRequest: null, enableReadyCheck: true };
  const failFast: NodeOptions = { ...common, maxRetriesPerRequest: 0, enableOfflineQueue: false };
  if (role === 'spool') return failFast;
  // Auto-pipelining: commands issued in the same tick (many concurrent requests) share one write.
  return { ...failFast, commandTimeout: 1_000, enableAutoPipelining: true };
}

/**
 * The same roles on a Redis Cluster. Per-node options go in `redisOptions`; the offline queue and
 * auto-pipelining are cluster-wide. TLS clusters get `dnsLookup` that keeps the host name, so the
 * certificate is checked against the name the service was given, as ioredis documents for managed
 * clusters (https://github.com/redis/ioredis#special-note-aws-elasticache-clusters-with-tls).
 */
export function clusterOptions(
  target: Extract<RedisTarget, { kind: 'cluster' }>,
  role: RedisRole,
): ClusterClientOptions {
  // The cluster reconnects through clusterRetryStrategy; ioredis takes no per-node retryStrategy.
  const { enableOfflineQueue, enableAutoPipelining, lazyConnect, ...node } = redisOptions(role);
  delete node.retryStrategy;
  return {
    lazyConnect,
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(enableAutoPipelining === undefined ? {} : { enableAutoPipelining }),
    enableReadyCheck: true,
    clusterRetryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
    // Workers wait through a node restart or failover as they wait through a reconnect on one Redis:
    // a command to a node that is away is retried every 200 ms for about 30 s instead of failing
    // after ioredis' default 16 × 100 ms. The HTTP roles keep failing fast (503, the CRM retries).
    ...(role === 'worker'
      ? {
          retryDelayOnFailover: 200,
          retryDelayOnClusterDown: 200,
          retryDelayOnTryAgain: 200,
          maxRedirections: 150,
        }
      : {}),
    slotsRefreshTimeout: 2_000,
    ...(target.natMap === undefined ? {} : { natMap: target.natMap }),
    ...(target.tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
    redisOptions: {
      ...node,
      ...(target.username === undefined ? {} : { username: target.username }),
      ...(target.password === undefined ? {} : { password: target.password }),
      ...(target.tls ? { tls: {} } : {}),
    },
  };
}

/** A client for `target` (a `redis://` URL is a single Redis) in the given role. */
export function createRedis(target: string | RedisTarget, role: RedisRole): RedisClient {
  const where: RedisTarget = typeof target === 'string' ? { kind: 'single', url: target } : target;
  const client: RedisClient =
    where.kind === 'single'
      ? new Redis(where.url, redisOptions(role))
      : new Cluster(
          where.nodes.map((n) => ({ host: n.host, port: n.port })),
          clusterOptions(where, role),
        );
  // Connection errors surface through readiness checks and command failures; an unhandled 'error'
  // event would crash the process on every reconnect attempt.
  client.on('error', () => undefined);
  return client;
}

/** PING with a deadline; true when Redis answered in time. */
export async function pingRedis(client: RedisClient, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([client.ping().then((r) => r === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** The nodes that hold data: every master of a cluster, or the single Redis itself. */
export function dataNodes(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

/**
 * Every key matching `pattern`, in batches, from every node that holds data (SCAN is per node: on a
 * cluster, one SCAN only sees the node it happened to be sent to). Each batch comes from one node.
 */
export async function* scanKeys(
  client: RedisClient,
  pattern: string,
  count = 1000,
): AsyncIterable<{ node: Redis; keys: string[] }> {
  // A cluster client knows its masters only once it has read the slot map.
  if (client instanceof Cluster && client.status !== 'ready') {
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve());
      client.once('end', () => reject(new Error('Redis Cluster connection ended before it was ready')));
    });
  }
  for (const node of dataNodes(client)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length > 0) yield { node, keys };
    } while (cursor !== '0');
  }
}
