import type { SpooledWebhookParser } from '../../connectors/webhook-port.js';
import { WebhookPayloadError } from '../../src/core/errors/index.js';
import type { Logger } from '../../src/core/logger.js';
import type { Metrics } from '../../src/core/metrics.js';
import type { ChangeInbox } from '../../src/store/change-inbox.js';
import type { WebhookSpool } from '../../src/store/webhook-spool.js';
import { acceptChanges } from '../../src/ingest/accept-changes.js';
import type { WebhookConnection } from '../../connectors/webhook-connection.js';

export interface DrainResult {
  readonly batches: number;
  readonly events: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly echoes: number;
  readonly invalid: number;
}

/**
 * Moves verified webhook batches (HubSpot's) from the spool into the inbox: full schema parse, echo filter,
 * per-event idempotency. A batch the schema rejects is dropped and counted (it was signed, so it came
 * from HubSpot; retrying it cannot help). Bounded by `maxBatches`.
 */
export async function drainSpool(options: {
  readonly spool: WebhookSpool;
  readonly inbox: ChangeInbox;
  readonly connection: WebhookConnection;
  /** The provider's parser of spooled batches. */
  readonly parse: SpooledWebhookParser;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly maxBatches?: number;
}): Promise<DrainResult> {
  const { spool, inbox, connection, log, metrics } = options;
  const max = options.maxBatches ?? 10_000;
  const totals = { batches: 0, events: 0, accepted: 0, duplicates: 0, echoes: 0, invalid: 0 };
  while (totals.batches < max) {
    const entries = await spool.read(connection.id, Math.min(200, max - totals.batches));
    if (entries.length === 0) break;
    for (const entry of entries) {
      totals.batches += 1;
      try {
        const events = options.parse(entry.body);
        const result = await acceptChanges(inbox, connection, events);
        totals.events += result.received;
        totals.accepted += result.accepted;
        totals.duplicates += result.duplicates;
        totals.echoes += result.echoes;
      } catch (err) {
        if (!(err instanceof WebhookPayloadError)) throw err;
        totals.invalid += 1;
        log.warn(
          { connection: connection.id, entry: entry.id, issues: err.issues?.length ?? 0 },
          'dropped a signed webhook batch that failed the schema',
        );
      }
    }
    await spool.ack(
      connection.id,
      entries.map((e) => e.id),
    );
  }
  const provider = connection.provider;
  metrics.webhookEvents.inc({ provider, outcome: 'enqueued' }, totals.accepted);
  metrics.webhookEvents.inc({ provider, outcome: 'duplicate' }, totals.duplicates);
  metrics.webhookEvents.inc({ provider, outcome: 'echo' }, totals.echoes);
  metrics.webhookEvents.inc({ provider, outcome: 'invalid' }, totals.invalid);
  return totals;
}
