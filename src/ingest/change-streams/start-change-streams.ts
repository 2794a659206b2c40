import { hostname } from 'node:os';
import type { Logger } from '../../core/logger.js';
import type { PipelineDeps } from '../../queue/pipeline-deps.js';
import type { ChangeStreamStore, StreamStatus } from '../../store/change-streams.js';
import { mappingSources } from '../mapping-sources.js';
import { ownIdentities } from '../own-identities.js';
import { runConnectionStreams } from './run-connection-streams.js';
import { DEFAULT_STREAM_TIMING, type StreamContext, type StreamTiming } from './stream-context.js';

export interface ChangeStreams {
  /** Connections this process subscribes for (or stands by for). */
  readonly connections: readonly string[];
  stop(): Promise<void>;
}

/**
 * One status per connection and channel, shared by every process: a standby does not overwrite the
 * status of the process that reads the channel (a live holder's, or a SIGKILLed one's until the
 * standby takes over and reports its own).
 */
async function publishStatus(
  store: ChangeStreamStore,
  connectionId: string,
  channel: string,
  status: StreamStatus,
): Promise<void> {
  if (status.state === 'standby') {
    const shared = (await store.statuses(connectionId))[channel];
    if (shared !== undefined && shared.holder !== status.holder && shared.state !== 'stopped') return;
  }
  await store.setStatus(connectionId, channel, status);
}

/**
 * Starts the Pub/Sub subscribers of every Salesforce connection whose changes arrive `pubsub`. Each
 * runs under its connection's stream lease, so of N processes one reads and the others stand by.
 */
export function startChangeStreams(
  deps: PipelineDeps,
  options: { readonly log: Logger; readonly timing?: Partial<StreamTiming> },
): ChangeStreams {
  const timing = { ...DEFAULT_STREAM_TIMING, ...options.timing };
  const holder = `${hostname()}:${process.pid}`;
  const identities = ownIdentities(deps.connections, options.log);
  const abort = new AbortController();
  const running: Promise<void>[] = [];
  const ids: string[] = [];
  for (const runtime of deps.connections.list()) {
    const config = runtime.config;
    if (config.provider !== 'salesforce' || config.changes !== 'pubsub') continue;
    ids.push(config.id);
    const statuses = new Map<string, StreamStatus>();
    const ctx: StreamContext = {
      connectionId: config.id,
      endpoint: config.pubsubEndpoint,
      connector: runtime.connector,
      connection: () => identities.withIdentity(runtime.webhook),
      inbox: deps.inbox,
      store: deps.changeStreams,
      leases: deps.leases,
      ingest: (id) => deps.scheduler.ingest(id),
      resync: (id, type) => deps.scheduler.syncNow(id, type, timing.resyncDelayMs),
      report: (channel, change) => {
        const base = statuses.get(channel) ?? {
          state: 'connecting',
          holder,
          lagMs: 0,
          lastReplayId: null,
          reconnects: 0,
          resyncs: 0,
          updatedAt: 0,
        };
        const next: StreamStatus = { ...base, ...change, holder, updatedAt: deps.now() };
        statuses.set(channel, next);
        void publishStatus(deps.changeStreams, config.id, channel, next).catch(() => undefined);
      },
      timing,
      log: options.log.child({ component: 'change-stream' }),
      now: deps.now,
    };
    const objectTypes = async (): Promise<string[]> => [...mappingSources(await runtime.mapping())];
    running.push(
      runConnectionStreams(ctx, objectTypes, abort.signal).catch((err: unknown) => {
        ctx.log.error({ err, connection: config.id }, 'change streams stopped');
      }),
    );
  }
  return {
    connections: ids,
    stop: async () => {
      abort.abort();
      await Promise.all(running);
    },
  };
}
