import type { Queue } from 'bullmq';
import type { Mapping } from '../../../mappings/index.js';
import type { Logger } from '../../core/logger.js';
import type { ConnectionRegistry, ConnectionRuntime } from '../../queue/pipeline-deps.js';
import { UnknownConnectionError } from '../../core/errors/index.js';
import type { MappingStore } from '../../store/mapping-store.js';
import type { WriteBackStore } from '../../store/write-back-store.js';
import type { AdminTokens } from './require-admin.js';

/** What the admin API reads and changes. Built once in src/service.ts; tests build their own. */
export interface AdminDeps {
  readonly log: Logger;
  readonly tokens: AdminTokens;
  readonly connections: ConnectionRegistry;
  readonly mappings: MappingStore;
  readonly writeBack: WriteBackStore;
  /** The connection's mapping file: what applies while no stored version is active. */
  readonly fileMapping: (connectionId: string) => Mapping | undefined;
  /** Queues shown on the bull-board dashboard at /admin/queues (none: no dashboard). */
  readonly queues: readonly Queue[];
}

export function connectionOrThrow(deps: Pick<AdminDeps, 'connections'>, id: string): ConnectionRuntime {
  const runtime = deps.connections.get(id);
  if (runtime === undefined) throw new UnknownConnectionError(`no connection ${id}`);
  return runtime;
}
