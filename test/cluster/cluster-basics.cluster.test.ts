import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionConfig } from '../../connectors/connection-config.js';
import { parseEnv } from '../../src/core/env.js';
import { createLogger } from '../../src/core/logger.js';
import { createQueueSet } from '../../src/queue/queue-set.js';
import { createRedis, scanKeys, type RedisClient } from '../../src/queue/redis.js';
import { targetEnv } from '../../src/queue/redis-target.js';
import { startService, type RunningService } from '../../src/service.js';
import { createChangeInbox } from '../../src/store/change-inbox.js';
import { keySlot } from '../../src/store/key-slot.js';
import { createKeySpace } from '../../src/store/keys.js';
import { runCli } from '../helpers/cli.js';
import { startTestCluster, type TestCluster } from '../helpers/redis-cluster.js';

/** Three connections; with the usual three-master slot split their tags fall on different masters. */
const CONNECTIONS = ['acme-sf', 'initech-sf', 'hs-emea'];
const PREFIX = 'basics';

let cluster: TestCluster;
let redis: RedisClient;
beforeAll(async () => {
  cluster = await startTestCluster({ basePort: Number(process.env['PS_TEST_CLUSTER_PORT'] ?? 17100) });
  redis = createRedis(cluster.target, 'worker');
}, 60_000);
afterAll(async () => {
  await redis.quit().catch(() => undefined);
  await cluster.stop();
});

const configs = CONNECTIONS.map((id) =>
  ConnectionConfig.parse({
    id,
    provider: 'salesforce',
    auth: { type: 'access_token', accessToken: 'unused', instanceUrl: 'http://127.0.0.1:9' },
  }),
);

async function readyz(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: await res.json() };
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

describe('on a Redis Cluster', () => {
  it('computes the slots the cluster computes', async () => {
    const keys = createKeySpace(PREFIX);
    const samples = [
      ...CONNECTIONS.map((c) => keys.connection(c, 'mirror', 'person')),
      ...CONNECTIONS.map((c) => `${keys.queuePrefix(c)}:dedupe:wait`),
      'foo',
      'no{tag',
      'a{}b',
      '{}{x}',
    ];
    for (const key of samples) expect(keySlot(key), key).toBe(await redis.cluster('KEYSLOT', key));
  });

  it('spreads the keys of three connections over more than one shard, each connection on one', async () => {
    const keys = createKeySpace(PREFIX);
    const queues = createQueueSet(redis, keys, CONNECTIONS);
    const inbox = createChangeInbox(redis, keys);
    for (const id of CONNECTIONS) {
      await queues.queue('crm-events', id).add('probe', { connection: id });
      await inbox.record(id, [{ objectType: 'Lead', objectId: '00Q1', occurredAt: 1, dedupeKey: `k-${id}` }]);
    }
    await queues.close();
    const nodesOf = new Map<string, Set<number>>();
    for await (const { node, keys: found } of scanKeys(redis, `${PREFIX}:*`)) {
      for (const key of found) {
        const tag = /\{([^}]+)\}/.exec(key)?.[1] ?? '';
        const set = nodesOf.get(tag) ?? new Set<number>();
        set.add(node.options.port ?? 0);
        nodesOf.set(tag, set);
      }
    }
    expect([...nodesOf.keys()].sort()).toEqual([...CONNECTIONS].sort());
    for (const [tag, nodes] of nodesOf) expect(nodes.size, `${tag} on one shard`).toBe(1);
    const shards = new Set([...nodesOf.values()].flatMap((s) => [...s]));
    expect(shards.size).toBeGreaterThanOrEqual(2);
  });

  it('refuses a REDIS_URL at a cluster node in one line, exit 78, for the service and one-shot commands', async () => {
    const env = { REDIS_URL: `redis://127.0.0.1:${cluster.ports[0] ?? 0}`, REDIS_AUTOSTART: 'false' };
    for (const args of [['start'], ['jobs', 'failed'], ['backfill', '--connection', 'acme-sf']]) {
      const r = await runCli(args, env);
      expect(r.code, args.join(' ')).toBe(78);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('is a Redis Cluster node: set REDIS_CLUSTER_NODES=');
    }
  });

  it('answers /readyz 503 while a master is down and 200 once it is back', async () => {
    const env = parseEnv({
      ...targetEnv(cluster.target),
      PORT: '0',
      REDIS_PREFIX: PREFIX,
      SHUTDOWN_TIMEOUT_MS: '1000',
    });
    const service: RunningService = await startService({
      env,
      log: createLogger({ level: 'silent' }),
      mode: 'http',
      jobs: [],
      connections: configs,
    });
    try {
      const url = service.url ?? '';
      expect(await readyz(url)).toEqual({
        status: 200,
        body: { status: 'ready', checks: { redis: 'ok', cluster: 'ok', queues: 'ok' } },
      });
      const victim = await cluster.masterOf(keySlot(createKeySpace(PREFIX).connection('hs-emea', 'x')));
      await cluster.stopNode(victim);
      const started = Date.now();
      await eventually(async () => (await readyz(url)).status === 503, 5_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      await cluster.startNode(victim);
      await cluster.waitUntilOk();
      await eventually(async () => (await readyz(url)).status === 200, 20_000);
    } finally {
      await service.close();
    }
  });
});
