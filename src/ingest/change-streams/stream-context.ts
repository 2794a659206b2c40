import type { CrmConnector } from '../../../connectors/port.js';
import type { WebhookConnection } from '../../../connectors/webhook-connection.js';
import type { Logger } from '../../core/logger.js';
import type { ChangeInbox } from '../../store/change-inbox.js';
import type { ChangeStreamStore, StreamStatus } from '../../store/change-streams.js';
import type { Leases } from '../../store/leases.js';
import { RESYNC_DELAY_MS } from '../resync-delay.js';

/** Tunables of the subscribers; the defaults suit Salesforce (keepalives within 270 s). */
export interface StreamTiming {
  /** Events per FetchRequest (Pub/Sub API maximum: 100). */
  readonly batchSize: number;
  /** Reconnect backoff: first gap, doubling up to `maxBackoffMs`, with jitter. */
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  /** No event or keepalive for this long: the connection is dead, reconnect. */
  readonly idleTimeoutMs: number;
  /** The connection's stream lease: a SIGKILLed holder blocks the others at most this long. */
  readonly leaseTtlMs: number;
  /** How long after a gap, overflow or refused replay id its incremental sync runs (see RESYNC_DELAY_MS). */
  readonly resyncDelayMs: number;
}

export const DEFAULT_STREAM_TIMING: StreamTiming = {
  batchSize: 100,
  minBackoffMs: 500,
  maxBackoffMs: 60_000,
  idleTimeoutMs: 300_000,
  leaseTtlMs: 15_000,
  resyncDelayMs: RESYNC_DELAY_MS,
};

/** What one connection's subscribers use. */
export interface StreamContext {
  readonly connectionId: string;
  readonly endpoint: string;
  readonly connector: CrmConnector;
  /** The connection as echo filtering sees it (with our integration user once known). */
  readonly connection: () => WebhookConnection;
  readonly inbox: ChangeInbox;
  readonly store: ChangeStreamStore;
  readonly leases: Leases;
  readonly ingest: (connectionId: string) => Promise<void>;
  readonly resync: (connectionId: string, objectType: string) => Promise<void>;
  readonly report: (channel: string, change: Partial<StreamStatus>) => void;
  readonly timing: StreamTiming;
  readonly log: Logger;
  readonly now: () => number;
}

export function backoffMs(timing: StreamTiming, attempt: number): number {
  const base = Math.min(timing.maxBackoffMs, timing.minBackoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.5 + Math.random() / 2));
}
