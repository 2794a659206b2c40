import type {
  ChangeStream,
  ChangeStreamHandlers,
} from '../../../connectors/salesforce/pubsub/change-stream.js';
import type { StreamFailureKind } from '../../../connectors/salesforce/pubsub/stream-failure.js';
import type { SpoolPipe } from './spool-pipe.js';
import type { StreamContext } from './stream-context.js';

/** The live state of one stream that its handlers share. */
export interface StreamState {
  stream: ChangeStream | undefined;
  delivered: number;
  /** A batch was delivered and the next is not requested yet (its events are being spooled). */
  awaitingMore: boolean;
  /** Called on every event or keepalive: the connection is alive. */
  readonly alive: () => void;
  readonly end: (kind: StreamFailureKind | 'spool-failed' | 'stopped' | 'idle', reason: string) => void;
}

/**
 * What each stream callback does: events go to the spool pipe; a delivered batch asks for the next
 * once the pipe has drained (flow control); a keepalive commits its replay id only when nothing is
 * in flight, so an idle channel's replay id stays inside the retention window.
 */
export function streamHandlers(
  ctx: StreamContext,
  target: { readonly channel: string; readonly objectType: string },
  pipe: SpoolPipe,
  state: StreamState,
): ChangeStreamHandlers {
  const { channel, objectType } = target;
  return {
    onEvent: (event) => {
      state.alive();
      state.delivered += 1;
      pipe.add(event);
    },
    onUndecodable: (reason) => {
      ctx.log.warn({ connection: ctx.connectionId, channel, reason }, 'undecodable change event; resyncing');
      void ctx.resync(ctx.connectionId, objectType).catch(() => undefined);
    },
    onBatchDelivered: () => {
      state.alive();
      state.awaitingMore = true;
      pipe.drained().then(
        () => {
          state.awaitingMore = false;
          state.stream?.requestMore();
        },
        (err: unknown) => state.end('spool-failed', String(err)),
      );
    },
    onKeepalive: (latest) => {
      state.alive();
      if (!pipe.idle || state.awaitingMore || !Number.isSafeInteger(latest)) return;
      void ctx.store
        .replayId(ctx.connectionId, channel)
        .then(async (committed) => {
          if (pipe.idle && !state.awaitingMore && (committed === null || latest > committed))
            await ctx.store.commit(ctx.connectionId, channel, latest);
        })
        .catch(() => undefined);
    },
    onClosed: (kind, reason) => state.end(kind, reason),
  };
}
