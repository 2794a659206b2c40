import { changeEventChannel } from '../../connectors/salesforce/pubsub/channels.js';
import type { SalesforceSandbox } from '../../connectors/sandbox/salesforce-server.js';
import { mappingSources } from '../ingest/mapping-sources.js';
import type { PipelineDeps } from '../queue/pipeline-deps.js';

/**
 * Resolves once the Pub/Sub subscriber has committed every change event the sandbox published on the
 * channels the mapping reads (so the changes are in the inbox), or throws after `timeoutMs`. Returns
 * at once when the sandbox serves no Pub/Sub API.
 */
export async function waitForChangeStreams(
  deps: PipelineDeps,
  salesforce: SalesforceSandbox,
  connectionId: string,
  timeoutMs = 20_000,
): Promise<void> {
  const bus = salesforce.pubsub?.bus;
  const runtime = deps.connections.get(connectionId);
  if (bus === undefined || runtime === undefined) return;
  const channels = [...mappingSources(await runtime.mapping())].map(changeEventChannel);
  const statuses = await deps.changeStreams.statuses(connectionId);
  const served = channels.filter((c) => statuses[c]?.state !== 'unavailable');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // The sandbox publishes a tick after the change; let it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    let behind = 0;
    for (const channel of served) {
      const committed = (await deps.changeStreams.replayId(connectionId, channel)) ?? 0;
      behind += bus.after(channel, committed, 1).length;
    }
    if (behind === 0) return;
    if (Date.now() > deadline)
      throw new Error(`change streams of ${connectionId} still behind after ${timeoutMs} ms`);
  }
}
