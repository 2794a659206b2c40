import type { ConnectionConfig } from '../../connectors/connection-config.js';
import type { CrmConnector } from '../../connectors/port.js';
import type { Mapping } from '../../mappings/schema.js';
import type { PersonMatcher } from '../matching/match-people.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import type { WebhookConnection } from '../ingest/webhook-connection.js';
import type { ChangeInbox } from '../store/change-inbox.js';
import type { Mirror } from '../store/mirror.js';
import type { KeySpace } from '../store/keys.js';
import type { WriteBackStore } from '../store/write-back-store.js';
import type { WebhookSpool } from '../store/webhook-spool.js';
import type { RedisClient } from '../queue/redis.js';
import type { JobScheduler } from './job-scheduler.js';

/** One configured CRM connection, ready to use. */
export interface ConnectionRuntime {
  readonly config: ConnectionConfig;
  readonly connector: CrmConnector;
  readonly webhook: WebhookConnection;
  /** The active mapping; read it per job so a newly activated version applies without a restart. */
  mapping(): Promise<Mapping>;
}

export interface ConnectionRegistry {
  get(id: string): ConnectionRuntime | undefined;
  list(): readonly ConnectionRuntime[];
}

/** Everything pipeline jobs use. Built once per process; tests build their own. */
export interface PipelineDeps {
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly redis: RedisClient;
  readonly keys: KeySpace;
  readonly connections: ConnectionRegistry;
  readonly inbox: ChangeInbox;
  readonly spool: WebhookSpool;
  readonly mirror: Mirror;
  readonly writeBack: WriteBackStore;
  readonly scheduler: JobScheduler;
  readonly now: () => number;
  /** The duplicate model and thresholds (default: the built-in ones). */
  readonly personMatcher?: PersonMatcher;
}

export function requireConnection(deps: Pick<PipelineDeps, 'connections'>, id: string): ConnectionRuntime {
  const runtime = deps.connections.get(id);
  if (runtime === undefined) throw new Error(`connection ${id} is not configured in this process`);
  return runtime;
}
