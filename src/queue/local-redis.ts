import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { ConfigError } from '../core/errors/index.js';
import { createRedis, pingRedis } from './redis.js';
import { describeTarget, redactUrl, type RedisTarget } from './redis-target.js';

export { redactUrl } from './redis-target.js';

export interface RedisEndpoint {
  readonly target: RedisTarget;
  /** True when we started a private redis-server that `stop()` will end. */
  readonly private: boolean;
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/** REDIS_URL names one node of a Redis Cluster: a single-node client would fail with MOVED on most keys. */
export class RedisClusterNodeError extends ConfigError {}

export async function redisAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  return (await probeRedis(url, timeoutMs)) !== 'down';
}

/** 'down', or whether the Redis at `url` answers as a standalone server or as a cluster node. */
export async function probeRedis(url: string, timeoutMs = 1_000): Promise<'down' | 'standalone' | 'cluster'> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    if (!(await pingRedis(client, timeoutMs))) return 'down';
    const info = await client.info('cluster').catch(() => '');
    return /^cluster_enabled:1\b/m.test(info) ? 'cluster' : 'standalone';
  } catch {
    return 'down';
  } finally {
    client.disconnect();
  }
}

/** True once the cluster reports `cluster_state:ok` and answers a PING within `timeoutMs`. */
async function clusterAnswers(target: RedisTarget, timeoutMs: number): Promise<string | undefined> {
  const client = createRedis(target, 'spool');
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<string | undefined>((resolve) => {
    client.once('ready', () => resolve(undefined));
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    const why = await ready;
    if (why !== undefined) return why;
    return (await pingRedis(client, timeoutMs)) ? undefined : 'PING failed';
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StartRedisOptions {
  readonly binary?: string;
  readonly port?: number;
  readonly appendOnly?: boolean;
  readonly dir?: string;
}

/** Starts redis-server on loopback (a free port unless given) and waits until it answers. */
export async function startPrivateRedis(
  options: StartRedisOptions = {},
): Promise<RedisEndpoint & { process: ChildProcess; port: number; url: string }> {
  const port = options.port ?? (await freeLoopbackPort());
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    options.appendOnly === true ? 'yes' : 'no',
  ];
  if (options.dir !== undefined) args.push('--dir', options.dir);
  const child = spawn(options.binary ?? 'redis-server', args, { stdio: 'ignore' });
  const spawnFailed = new Promise<never>((_, reject) => {
    child.once('error', (err) =>
      reject(new RedisUnavailableError(`cannot start redis-server: ${err.message}`)),
    );
  });
  const url = `redis://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 100; i += 1) {
      if (await redisAnswers(url, 200)) return;
      await sleep(50);
    }
    throw new RedisUnavailableError(`redis-server on port ${port} did not answer within 5 s`);
  })();
  await Promise.race([ready, spawnFailed]);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    target: { kind: 'single', url },
    port,
    private: true,
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Uses the target when it answers. A single-node URL that answers as a cluster node is refused with one
 * line naming REDIS_CLUSTER_NODES. Otherwise, when allowed (single node only), starts a private
 * redis-server on a free loopback port; without the binary, fails with one line saying how to get Redis.
 */
export async function ensureRedis(
  where: string | RedisTarget,
  options: { autostart: boolean },
): Promise<RedisEndpoint> {
  const target: RedisTarget = typeof where === 'string' ? { kind: 'single', url: where } : where;
  if (target.kind === 'cluster') {
    const why = await clusterAnswers(target, 5_000);
    if (why === undefined) return { target, private: false, stop: async () => undefined };
    throw new RedisUnavailableError(
      `${describeTarget(target)} is not ready (${why}): check REDIS_CLUSTER_NODES and that CLUSTER INFO says cluster_state:ok.`,
    );
  }
  const { url } = target;
  const state = await probeRedis(url);
  if (state === 'cluster') {
    throw new RedisClusterNodeError(
      `REDIS_URL ${redactUrl(url)} is a Redis Cluster node: set REDIS_CLUSTER_NODES=host:port[,host:port…] to its nodes instead.`,
    );
  }
  if (state === 'standalone') return { target, private: false, stop: async () => undefined };
  const hint = `Redis is not reachable at ${redactUrl(url)}: set REDIS_URL to a running Redis, or install one (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis).`;
  if (!options.autostart) throw new RedisUnavailableError(hint);
  try {
    return await startPrivateRedis();
  } catch {
    throw new RedisUnavailableError(hint);
  }
}
