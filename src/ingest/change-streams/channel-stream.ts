import type { StreamFailureKind } from '../../../connectors/salesforce/pubsub/stream-failure.js';
import { openChangeStream } from '../../../connectors/salesforce/pubsub/change-stream.js';
import { spoolStreamed } from './spool-streamed.js';
import { SpoolPipe } from './spool-pipe.js';
import type { StreamContext } from './stream-context.js';
import { streamHandlers, type StreamState } from './stream-handlers.js';

export type StreamStart = { readonly after: number } | 'latest' | 'earliest';
export interface StreamEnd {
  readonly kind: StreamFailureKind | 'stopped' | 'idle' | 'spool-failed';
  readonly reason: string;
  readonly delivered: number;
}

/**
 * One Subscribe stream of one channel, until it ends (error, no keepalive in time, failed spooling,
 * or `signal`). Resolves once everything received has been spooled and committed.
 */
export async function streamOnce(
  ctx: StreamContext,
  target: { readonly channel: string; readonly objectType: string; readonly start: StreamStart },
  fresh: boolean,
  signal: AbortSignal,
): Promise<StreamEnd> {
  const { channel, objectType, start } = target;
  const session = await ctx.connector.streamSession?.({ signal, timeoutMs: 30_000 }, fresh);
  if (session === undefined) return { kind: 'auth', reason: 'connector has no stream session', delivered: 0 };
  const pipe = new SpoolPipe(async (batch) => {
    const out = await spoolStreamed(ctx, channel, objectType, batch);
    const lag = out.lagMs === null ? {} : { lagMs: out.lagMs };
    ctx.report(channel, { state: 'streaming', lastReplayId: out.replayId, ...lag });
  });
  return new Promise<StreamEnd>((resolve) => {
    let watchdog: NodeJS.Timeout | undefined;
    let ended = false;
    const onAbort = (): void => state.end('stopped', 'stopping');
    const state: StreamState = {
      stream: undefined,
      delivered: 0,
      awaitingMore: false,
      alive: () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(
          () => state.end('idle', 'no event or keepalive in time'),
          ctx.timing.idleTimeoutMs,
        );
      },
      end: (kind, reason) => {
        if (ended) return;
        ended = true;
        clearTimeout(watchdog);
        signal.removeEventListener('abort', onAbort);
        state.stream?.abandon();
        const settle = (): void =>
          resolve({
            kind: pipe.failed === undefined ? kind : 'spool-failed',
            reason,
            delivered: state.delivered,
          });
        pipe.drained().then(settle, settle);
      },
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const options = {
      endpoint: ctx.endpoint,
      channel,
      afterReplayId: typeof start === 'object' ? start.after : null,
      earliest: start === 'earliest',
      batchSize: ctx.timing.batchSize,
    };
    openChangeStream(session, options, streamHandlers(ctx, { channel, objectType }, pipe, state)).then(
      (opened) => {
        state.stream = opened;
        if (ended) opened.abandon();
        else {
          state.alive();
          ctx.report(channel, { state: 'streaming' });
        }
      },
      (err: unknown) => state.end('transient', `connect failed: ${String(err)}`),
    );
  });
}
