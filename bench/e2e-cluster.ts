/**
 * The Redis Cluster half of `npm run bench:e2e`: with REDIS_CLUSTER_NODES set, the same measurement runs
 * on the single Redis at REDIS_URL and then on the cluster, and both are reported side by side (a table
 * on stderr; one JSON line `{ singleRedis, redisCluster }` on stdout).
 */
import type { RedisTarget } from '../src/queue/redis-target.js';

/** What both runs report; the figures e2e.ts measures. */
export interface ComparableFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly writtenBack: number;
  readonly missing: number;
}

export async function compareWithCluster<F extends ComparableFigures>(
  measure: (where: RedisTarget) => Promise<F>,
  cluster: Extract<RedisTarget, { kind: 'cluster' }>,
  singleUrl: string,
): Promise<{ singleRedis: F; redisCluster: F }> {
  const singleRedis = await measure({ kind: 'single', url: singleUrl });
  const redisCluster = await measure(cluster);
  process.stderr.write('\n            p50 ms   p99 ms   written   missing\n');
  for (const [label, f] of [
    ['one Redis', singleRedis],
    ['cluster', redisCluster],
  ] as const)
    process.stderr.write(
      `${label.padEnd(10)} ${String(f.p50Ms).padStart(8)} ${String(f.p99Ms).padStart(8)} ${String(f.writtenBack).padStart(9)} ${String(f.missing).padStart(9)}\n`,
    );
  return { singleRedis, redisCluster };
}
