import type { CrmChangeEvent } from '../../../connectors/webhook-change-event.js';
import { ServiceUnavailableError } from '../../core/errors/index.js';
import { redisFailureOf } from '../../queue/redis-errors.js';
import { acceptChanges, type AcceptedChanges } from '../../ingest/accept-changes.js';
import type { WebhookConnection } from '../../../connectors/webhook-connection.js';
import type { WebhookDeps } from './webhook-deps.js';

/**
 * Verified events → inbox → ingest scheduled. Any Redis failure becomes 503 so the CRM redelivers;
 * the inbox write is one atomic script, so nothing is half-recorded.
 */
export async function enqueueChanges(
  deps: WebhookDeps,
  connection: WebhookConnection,
  events: readonly CrmChangeEvent[],
): Promise<AcceptedChanges> {
  let result: AcceptedChanges;
  try {
    result = await acceptChanges(deps.inbox, connection, events);
    // Redelivered changes are scheduled too: the first delivery may have reached the inbox and then been
    // cut off before its ingest was scheduled (the CRM saw a 503 and re-sent it).
    if (result.accepted > 0 || result.duplicates > 0) await deps.scheduleIngest(connection.id);
    if (result.resyncObjectTypes.length > 0)
      await deps.scheduleResync(connection.id, result.resyncObjectTypes);
  } catch (err) {
    const failure = redisFailureOf(err);
    deps.log.warn(
      { err, connection: connection.id, redisFailure: failure.kind },
      `webhook not recorded: ${failure.reason}`,
    );
    throw new ServiceUnavailableError('cannot record the changes right now; retry later', { cause: err });
  }
  const provider = connection.provider;
  deps.metrics.webhookEvents.inc({ provider, outcome: 'enqueued' }, result.accepted);
  deps.metrics.webhookEvents.inc({ provider, outcome: 'duplicate' }, result.duplicates);
  deps.metrics.webhookEvents.inc({ provider, outcome: 'echo' }, result.echoes);
  return result;
}
