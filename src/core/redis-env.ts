import { ConfigError } from './errors/index.js';
import { EnvSchema } from './env.js';
import { redisTargetOf, type RedisTarget } from '../queue/redis-target.js';

const RedisEnv = EnvSchema.pick({
  REDIS_URL: true,
  REDIS_CLUSTER_NODES: true,
  REDIS_CLUSTER_USERNAME: true,
  REDIS_CLUSTER_PASSWORD: true,
  REDIS_CLUSTER_TLS: true,
  REDIS_CLUSTER_NAT_MAP: true,
});

/**
 * The Redis (or Redis Cluster) named by the Redis variables alone, for commands that do not need the
 * rest of the configuration (demo, benches). A bad value is a ConfigError naming the variable.
 */
export function redisTargetFromEnv(source: Readonly<Record<string, string | undefined>>): RedisTarget {
  const parsed = RedisEnv.safeParse(source);
  if (parsed.success) return redisTargetOf(parsed.data);
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new ConfigError(
    `invalid environment:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
    {
      issues,
    },
  );
}
