import { Cluster } from 'ioredis';
import { pingRedis, type RedisClient } from '../queue/redis.js';

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, 'ok' | 'down'>;
  /** Salesforce Pub/Sub subscribers (informational). */
  readonly changeStreams?: readonly Record<string, unknown>[];
}

export type ReadinessCheck = () => Promise<ReadinessReport>;

/** Resolves to `fallback` when `work` has not settled within `timeoutMs`; never rejects. */
async function within<T>(work: Promise<T>, timeoutMs: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work.catch(() => fallback),
      new Promise<T>((resolve) => {
        timer = setTimeout(() => resolve(fallback), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * On a Redis Cluster: every slot is assigned to a master this client reaches, and each master it
 * knows answers CLUSTER INFO with `cluster_state:ok`. A master that is down fails its own check at
 * once; the others report `cluster_state:fail` once they agree it is down.
 */
async function clusterHealthy(cluster: Cluster, timeoutMs: number): Promise<boolean> {
  const masters = cluster.nodes('master');
  if (masters.length === 0) return false;
  const states = await Promise.all(
    masters.map((node) =>
      within(
        node.cluster('INFO').then((info) => /^cluster_state:ok\b/m.test(info)),
        timeoutMs,
        false,
      ),
    ),
  );
  if (!states.every(Boolean)) return false;
  // Slots whose master this client has lost (disconnected nodes leave the pool).
  const reachable = new Set(masters.map((n) => `${n.options.host ?? ''}:${n.options.port ?? 0}`));
  const slots = await within(cluster.cluster('SLOTS'), timeoutMs, undefined);
  if (!Array.isArray(slots)) return false;
  return slots.every((range: unknown) => {
    if (!Array.isArray(range)) return false;
    const master: unknown = range[2];
    if (!Array.isArray(master)) return false;
    return reachable.has(`${String(master[0])}:${String(master[1])}`) || cluster.options.natMap !== undefined;
  });
}

/**
 * Ready when Redis answers within the deadline and every queue's metadata can be read; on a Redis
 * Cluster also when the cluster state is ok. Each connection's queues live in its own slot, so reading
 * them proves every connection's shard answers. The HTTP tier's client fails fast, so an outage turns
 * into 503 within `timeoutMs`.
 */
export function redisReadiness(
  redis: RedisClient,
  queues: readonly { name: string; getJobCounts: (...states: never[]) => Promise<unknown> }[],
  timeoutMs = 500,
): ReadinessCheck {
  return async () => {
    const redisOk = await pingRedis(redis, timeoutMs);
    const checks: Record<string, 'ok' | 'down'> = { redis: redisOk ? 'ok' : 'down' };
    let clusterOk = true;
    if (redis instanceof Cluster) {
      clusterOk = redisOk && (await clusterHealthy(redis, timeoutMs));
      checks['cluster'] = clusterOk ? 'ok' : 'down';
    }
    let queuesOk = redisOk;
    if (redisOk && queues.length > 0) {
      queuesOk = await within(
        Promise.all(queues.map((q) => q.getJobCounts())).then(() => true),
        timeoutMs,
        false,
      );
    }
    checks['queues'] = queuesOk ? 'ok' : 'down';
    return { ready: redisOk && clusterOk && queuesOk, checks };
  };
}
