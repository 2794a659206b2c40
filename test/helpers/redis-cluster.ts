import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import type { RedisTarget } from '../../src/queue/redis-target.js';

const run = promisify(execFile);

/**
 * A local Redis Cluster of three masters (no replicas) on loopback, for the `cluster` test project.
 * Every node is a `redis-server --cluster-enabled yes` child of this process in its own temp dir;
 * `stop()` ends each by its PID. Ports are `basePort`…`basePort + 2` (the cluster bus uses port + 10000).
 */
export interface TestCluster {
  readonly ports: readonly number[];
  readonly target: Extract<RedisTarget, { kind: 'cluster' }>;
  /** `127.0.0.1:p1,127.0.0.1:p2,…` as REDIS_CLUSTER_NODES takes it. */
  readonly nodesText: string;
  /** The port of the master serving `slot`. */
  masterOf(slot: number): Promise<number>;
  /** Stops one node: SIGTERM is a shutdown (the AOF is flushed), SIGKILL a crash. */
  stopNode(port: number, signal?: NodeJS.Signals): Promise<void>;
  startNode(port: number): Promise<void>;
  /** Waits until every node reports `cluster_state:ok`. */
  waitUntilOk(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface TestClusterOptions {
  readonly basePort: number;
  readonly appendOnly?: boolean;
  /** How long nodes wait before they consider a silent master failed (ms). */
  readonly nodeTimeoutMs?: number;
}

async function answers(port: number): Promise<boolean> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function clusterInfo(port: number): Promise<string> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.cluster('INFO');
  } catch {
    return '';
  } finally {
    client.disconnect();
  }
}

export async function startTestCluster(options: TestClusterOptions): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'ps-cluster-'));
  const ports = [0, 1, 2].map((i) => options.basePort + i);
  const nodes = new Map<number, ChildProcess>();
  const startNode = async (port: number): Promise<void> => {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout',
        String(options.nodeTimeoutMs ?? 2_000),
        '--save',
        '',
        '--appendonly',
        options.appendOnly === true ? 'yes' : 'no',
        '--appendfilename',
        `appendonly-${port}.aof`,
        '--appenddirname',
        `aof-${port}`,
        '--dir',
        dir,
        '--daemonize',
        'no',
      ],
      { stdio: 'ignore' },
    );
    nodes.set(port, child);
    const failed = new Promise<never>((_, reject) => child.once('error', reject));
    const up = (async () => {
      for (let i = 0; i < 100; i += 1) {
        if (await answers(port)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`cluster node ${port} did not answer within 5 s`);
    })();
    await Promise.race([up, failed]);
  };
  const stopNode = async (port: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const child = nodes.get(port);
    nodes.delete(port);
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  };
  const stop = async (): Promise<void> => {
    for (const port of [...nodes.keys()]) await stopNode(port);
    rmSync(dir, { recursive: true, force: true });
  };
  const waitUntilOk = async (timeoutMs = 20_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const infos = await Promise.all(ports.map(clusterInfo));
      if (infos.every((i) => /^cluster_state:ok\b/m.test(i))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the test cluster on ${ports.join(',')} did not reach cluster_state:ok`);
  };
  try {
    for (const port of ports) await startNode(port);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await waitUntilOk();
  } catch (err) {
    await stop();
    throw err;
  }
  const target = {
    kind: 'cluster' as const,
    nodes: ports.map((port) => ({ host: '127.0.0.1', port })),
    tls: false,
  };
  return {
    ports,
    target,
    nodesText: ports.map((p) => `127.0.0.1:${p}`).join(','),
    masterOf: async (slot) => {
      const client = new Redis({ port: ports[0] ?? 0, host: '127.0.0.1' });
      try {
        const ranges = await client.cluster('SLOTS');
        const hit = ranges.find(([from, to]) => slot >= from && slot <= to);
        if (hit === undefined) throw new Error(`no master serves slot ${slot}`);
        const master = hit[2];
        if (master === undefined) throw new Error(`no master serves slot ${slot}`);
        return master[1];
      } finally {
        client.disconnect();
      }
    },
    stopNode,
    startNode,
    waitUntilOk,
    stop,
  };
}
