import { changeEventChannel } from '../../../connectors/salesforce/pubsub/channels.js';
import { LeaseBusyError } from '../../store/with-lease.js';
import { runChannel } from './run-channel.js';
import { sleepUntilAborted as sleep } from '../../core/sleep-until-aborted.js';
import type { StreamContext } from './stream-context.js';

export const STREAM_LEASE = 'change-stream';

/**
 * One connection's subscribers, one channel per mapped object, run by one process at a time across
 * every process (the connection's stream lease). The others wait in standby and take over when the
 * holder stops or dies (at most one lease TTL later).
 */
export async function runConnectionStreams(
  ctx: StreamContext,
  objectTypes: () => Promise<readonly string[]>,
  signal: AbortSignal,
): Promise<void> {
  const ttlMs = ctx.timing.leaseTtlMs;
  const standby = async (types: readonly string[]): Promise<void> => {
    for (const type of types) ctx.report(changeEventChannel(type), { state: 'standby' });
    await sleep(Math.max(50, Math.floor(ttlMs / 3)), signal);
  };
  while (!signal.aborted) {
    const types = await objectTypes();
    try {
      await ctx.leases.run(ctx.connectionId, STREAM_LEASE, { ttlMs, waitMs: 0 }, async () => {
        await Promise.all(
          types.map((objectType) =>
            runChannel(ctx, { channel: changeEventChannel(objectType), objectType }, signal),
          ),
        );
      });
    } catch (err) {
      if (!(err instanceof LeaseBusyError))
        ctx.log.warn({ err, connection: ctx.connectionId }, 'change streams failed');
      await standby(types);
    }
  }
  for (const type of await objectTypes()) ctx.report(changeEventChannel(type), { state: 'stopped' });
}
