import {
  changesOfStreamedEvent,
  type StreamedChanges,
} from '../../../connectors/salesforce/pubsub/parsed-event.js';
import { acceptChanges } from '../accept-changes.js';
import type { StreamContext } from './stream-context.js';

/**
 * One delivered batch → the inbox (our own writes dropped, duplicates ignored), the ingest job
 * scheduled, and the incremental sync run for objects whose changes the events cannot name: gap and
 * overflow events, wildcard ids, undecodable events. Only then is the batch's last replay id
 * committed, so a crash before that replays the batch and the inbox drops what it already holds.
 */
export async function spoolStreamed(
  ctx: StreamContext,
  channel: string,
  objectType: string,
  batch: readonly unknown[],
): Promise<{ replayId: number | null; lagMs: number | null }> {
  const parsed: StreamedChanges[] = [];
  const resync = new Set<string>();
  for (const raw of batch) {
    try {
      parsed.push(changesOfStreamedEvent(raw));
    } catch (err) {
      ctx.log.warn({ err, connection: ctx.connectionId, channel }, 'unreadable change event; resyncing');
      resync.add(objectType);
    }
  }
  const events = parsed.flatMap((p) => p.events);
  const accepted = await acceptChanges(ctx.inbox, ctx.connection(), events);
  if (accepted.accepted > 0) await ctx.ingest(ctx.connectionId);
  for (const type of accepted.resyncObjectTypes) resync.add(type);
  for (const p of parsed)
    if (p.changeType.startsWith('GAP_')) resync.add(p.events[0]?.objectType ?? objectType);
  for (const type of resync) await ctx.resync(ctx.connectionId, type);
  const last = parsed[parsed.length - 1];
  const replayId = batchReplayId(batch, last);
  if (replayId !== null) await ctx.store.commit(ctx.connectionId, channel, replayId);
  return { replayId, lagMs: last === undefined ? null : ctx.now() - last.commitTimestamp };
}

/** The batch's last replay id, also when its last event was unreadable. */
function batchReplayId(batch: readonly unknown[], last: StreamedChanges | undefined): number | null {
  const raw = batch[batch.length - 1];
  if (typeof raw === 'object' && raw !== null && 'replayId' in raw && typeof raw.replayId === 'number')
    return raw.replayId;
  return last?.replayId ?? null;
}
