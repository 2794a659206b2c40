import { streamOnce, type StreamEnd, type StreamStart } from './channel-stream.js';
import { sleepUntilAborted as sleep } from '../../core/sleep-until-aborted.js';
import { backoffMs, type StreamContext } from './stream-context.js';

/**
 * Keeps one channel subscribed until `signal` aborts: resumes after the committed replay id (the tip
 * of the stream on first start), reconnects with backoff after resets, lost keepalives and failed
 * spooling, signs in again when the session was rejected, and when the committed replay id is past
 * the retention window runs the incremental sync and resubscribes from the oldest retained event.
 */
export async function runChannel(
  ctx: StreamContext,
  target: { readonly channel: string; readonly objectType: string },
  signal: AbortSignal,
): Promise<void> {
  const { channel, objectType } = target;
  let fresh = false;
  let attempt = 0;
  let reconnects = 0;
  let resyncs = 0;
  let earliest = false;
  while (!signal.aborted) {
    const committed = await ctx.store.replayId(ctx.connectionId, channel);
    const start: StreamStart = earliest ? 'earliest' : committed === null ? 'latest' : { after: committed };
    ctx.report(channel, { state: 'connecting' });
    const ended: StreamEnd = await streamOnce(ctx, { channel, objectType, start }, fresh, signal).catch(
      (err: unknown): StreamEnd => ({ kind: 'transient', reason: String(err), delivered: 0 }),
    );
    if (ended.kind === 'stopped' || signal.aborted) break;
    earliest = false;
    fresh = ended.kind === 'auth';
    attempt = ended.delivered > 0 ? 1 : attempt + 1;
    reconnects += 1;
    if (ended.kind === 'unavailable') {
      // Only the periodic incremental sync sees this object's changes; look again now and then.
      if (attempt === 1)
        ctx.log.warn(
          { connection: ctx.connectionId, channel, ...ended },
          'no change event channel for this object; the periodic sync covers it',
        );
      ctx.report(channel, { state: 'unavailable', lastError: ended.reason });
      await sleep(ctx.timing.maxBackoffMs, signal);
      continue;
    }
    ctx.log.warn(
      { connection: ctx.connectionId, channel, ...ended },
      'change event stream ended; reconnecting',
    );
    if (ended.kind === 'replay-invalid') {
      resyncs += 1;
      earliest = true;
      attempt = 0;
      await ctx.resync(ctx.connectionId, objectType).catch(() => undefined);
    }
    ctx.report(channel, { state: 'reconnecting', reconnects, resyncs, lastError: ended.reason });
    if (attempt > 0) await sleep(backoffMs(ctx.timing, attempt), signal);
  }
}
