import type { ConnectionConfig } from '../../connectors/connection-config.js';
import type { CrmConnector } from '../../connectors/port.js';
import type { BudgetReader } from '../../connectors/batch-policy.js';
import type { BudgetUsageReader } from '../../connectors/budget-usage.js';
import type { Mapping } from '../../mappings/schema.js';
import type { PersonMatcher } from '../matching/match-people.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import type { WebhookConnection } from '../../connectors/webhook-connection.js';
import type { KeySpace } from '../store/keys.js';
import type { Stores } from '../store/stores.js';
import type { WhyLinks } from '../why-link/why-links.js';
import type { RedisClient } from './redis.js';
import type { JobScheduler } from './job-scheduler.js';

/** One configured CRM connection, ready to use. */
export interface ConnectionRuntime {
  readonly config: ConnectionConfig;
  readonly connector: CrmConnector;
  readonly webhook: WebhookConnection;
  /**
   * The connection's shared rate budget, read by batching (absent: batches never wait on it) and by the
   * console's connection status.
   */
  readonly budget?: BudgetReader & BudgetUsageReader;
  /** The active mapping; read it per job so a newly activated version applies without a restart. */
  mapping(): Promise<Mapping>;
}

export interface ConnectionRegistry {
  get(id: string): ConnectionRuntime | undefined;
  list(): readonly ConnectionRuntime[];
}

/**
 * Everything a job gets: the stores (built once per process), the connections, the scheduler. Never
 * the Redis client or key space: where state lives is the stores' business.
 */
export interface JobDeps extends Stores {
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly connections: ConnectionRegistry;
  readonly scheduler: JobScheduler;
  readonly now: () => number;
  /** The duplicate model and thresholds (default: the built-in ones). */
  readonly personMatcher?: PersonMatcher;
  /** Signs the "Why?" link write-back adds to each decided record; absent: no links are written. */
  readonly whyLinks?: WhyLinks;
}

/** What the process running the jobs holds besides: its Redis client and key space, for queue plumbing. */
export interface PipelineDeps extends JobDeps {
  readonly redis: RedisClient;
  readonly keys: KeySpace;
}

export function requireConnection(deps: Pick<JobDeps, 'connections'>, id: string): ConnectionRuntime {
  const runtime = deps.connections.get(id);
  if (runtime === undefined) throw new Error(`connection ${id} is not configured in this process`);
  return runtime;
}
