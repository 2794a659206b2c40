import type { Logger } from '../../src/core/logger.js';
import type { ConnectionRuntime, JobDeps } from '../../src/queue/pipeline-deps.js';
import { writeKey } from '../../src/store/write-back-store.js';
import type { PlannedWrite } from './plan-writes.js';

/** One write-back run of one connection: what every step of it uses. */
export interface WriteRun {
  readonly connection: string;
  readonly runtime: ConnectionRuntime;
  readonly deps: JobDeps;
  readonly signal: AbortSignal;
  readonly log: Logger;
}

/** What a run did so far; `retryable` counts records whose write failed transiently. */
export interface WriteTally {
  written: number;
  noops: number;
  rejected: number;
  retryable: number;
}

/** The upsert write key a delete undoes (same object, external-key field and key). */
export const upsertKeyOf = (w: PlannedWrite): string =>
  writeKey({ ...w.pending.request, operation: 'upsert' });
