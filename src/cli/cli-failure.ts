import { ConfigError } from '../core/errors/index.js';
import { RedisUnavailableError } from '../queue/local-redis.js';
import { redisFailureOf } from '../queue/redis-errors.js';
import { EXIT_CONFIG, EXIT_UNAVAILABLE } from './load-env-or-exit.js';

/** Any other failure of a command. */
export const EXIT_FAILURE = 1;

const REDIS_ERROR_NAMES = new Set(['ReplyError', 'MaxRetriesPerRequestError', 'ClusterAllFailedError']);
const REDIS_CONNECTION =
  /Connection is closed|Cluster isn't ready|All nodes failed|ECONNREFUSED|Stream isn't writeable/;

/**
 * The exit code and the one line a CLI prints for an error that reached the top: 78 configuration,
 * 69 Redis (a cluster's MOVED, CROSSSLOT or CLUSTERDOWN named as such), 1 anything else.
 */
export function cliFailure(err: unknown): { code: number; line: string } {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof ConfigError) return { code: EXIT_CONFIG, line: message };
  if (err instanceof RedisUnavailableError) return { code: EXIT_UNAVAILABLE, line: message };
  const failure = redisFailureOf(err);
  if (failure.kind !== 'unavailable')
    return { code: EXIT_UNAVAILABLE, line: `${failure.reason} (${message})` };
  if ((err instanceof Error && REDIS_ERROR_NAMES.has(err.name)) || REDIS_CONNECTION.test(message))
    return { code: EXIT_UNAVAILABLE, line: `Redis unavailable: ${message}` };
  return { code: EXIT_FAILURE, line: message };
}
