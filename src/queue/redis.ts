import { Redis, type RedisOptions } from 'ioredis';

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

export function redisOptions(role: RedisRole): RedisOptions {
  const common: RedisOptions = {
    lazyConnect: false,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
  };
  if (role === 'worker') return { ...common, maxRetriesPerRequest: null, enableReadyCheck: true };
  const failFast: RedisOptions = { ...common, maxRetriesPerRequest: 0, enableOfflineQueue: false };
  if (role === 'spool') return failFast;
  // Auto-pipelining: commands issued in the same tick (many concurrent requests) share one write.
  return { ...failFast, commandTimeout: 1_000, enableAutoPipelining: true };
}

export function createRedis(url: string, role: RedisRole): Redis {
  const client = new Redis(url, redisOptions(role));
  // Connection errors surface through readiness checks and command failures; an unhandled 'error'
  // event would crash the process on every reconnect attempt.
  client.on('error', () => undefined);
  return client;
}

/** PING with a deadline; true when Redis answered in time. */
export async function pingRedis(client: Redis, timeoutMs: number): Promise<boolean> {
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
