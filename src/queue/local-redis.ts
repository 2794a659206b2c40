import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { pingRedis } from './redis.js';

export interface RedisEndpoint {
  readonly url: string;
  /** True when we started a private redis-server that `stop()` will end. */
  readonly private: boolean;
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

export async function redisAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await pingRedis(client, timeoutMs);
  } catch {
    return false;
  } finally {
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
): Promise<RedisEndpoint & { process: ChildProcess; port: number }> {
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
 * Uses `url` when it answers. Otherwise, when allowed, starts a private redis-server on a free loopback
 * port; without the binary, fails with one line saying how to get Redis.
 */
export async function ensureRedis(url: string, options: { autostart: boolean }): Promise<RedisEndpoint> {
  if (await redisAnswers(url)) return { url, private: false, stop: async () => undefined };
  const hint = `Redis is not reachable at ${redactUrl(url)}: set REDIS_URL to a running Redis, or install one (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis).`;
  if (!options.autostart) throw new RedisUnavailableError(hint);
  try {
    return await startPrivateRedis();
  } catch {
    throw new RedisUnavailableError(hint);
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured REDIS_URL';
  }
}
