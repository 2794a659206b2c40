import type { Logger } from '../../core/logger.js';
import type { Metrics } from '../../core/metrics.js';
import type { WebhookConnectionLookup } from '../../../connectors/webhook-connection.js';
import type { ChangeInbox } from '../../store/change-inbox.js';
import type { WebhookSpool } from '../../store/webhook-spool.js';

export interface WebhookDeps {
  readonly lookup: WebhookConnectionLookup;
  readonly inbox: ChangeInbox;
  /** Verified HubSpot batches wait here for the ingest job. */
  readonly spool: WebhookSpool;
  /** Makes sure an ingest job will drain the connection's inbox soon (coalescing window). */
  readonly scheduleIngest: (connectionId: string) => Promise<void>;
  /** Runs the incremental sync of these object types now (Salesforce wildcard change events). */
  readonly scheduleResync: (connectionId: string, objectTypes: readonly string[]) => Promise<void>;
  /** Public URL of this service as the CRM calls it; HubSpot signs it. Else taken from the request. */
  readonly publicBaseUrl: string | undefined;
  readonly now: () => number;
  readonly log: Logger;
  readonly metrics: Metrics;
}
