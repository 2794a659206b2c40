import { describeForMapping } from '../admin/describe-for-mapping.js';
import { loadConnections } from '../config/load-connections.js';
import { createLogger } from '../core/logger.js';
import { buildConnections } from '../queue/build-connections.js';
import { requireConnection } from '../queue/pipeline-deps.js';
import { createKeySpace } from '../store/keys.js';
import { withCliRedis } from './cli-redis.js';
import { cliRetry } from './cli-retry.js';
import type { DescribeFromConnection } from './mappings-command.js';
import { loadEnvOrExit } from './load-env-or-exit.js';

/** Describe data straight from a configured connection, inside its shared rate budget. */
export const liveDescribe: DescribeFromConnection = async (connectionId, mapping) => {
  const env = loadEnvOrExit();
  const log = createLogger({ level: 'warn' });
  return withCliRedis(env, async (redis) => {
    const registry = buildConnections(loadConnections(env), {
      redis,
      keys: createKeySpace(env.REDIS_PREFIX),
      log,
      retry: cliRetry(),
    });
    const runtime = requireConnection({ connections: registry }, connectionId);
    return describeForMapping(runtime.connector, mapping, AbortSignal.timeout(120_000));
  });
};
