import type { IncomingHttpHeaders } from 'node:http';
import type { CrmChangeEvent } from './webhook-change-event.js';
import type { WebhookConnection } from './webhook-connection.js';

/** One delivery as the HTTP layer received it: the exact bytes the CRM signed, and where it was sent. */
export interface RawWebhook {
  readonly method: string;
  /** The URL the CRM called (the configured public base URL, else the request's host, plus the path). */
  readonly url: string;
  readonly query: Readonly<Record<string, unknown>>;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
  readonly now: number;
}

/** The exact answer the CRM expects for an accepted delivery. */
export interface WebhookReply {
  readonly status: number;
  readonly contentType?: string;
  readonly body?: string;
}

/** Deliveries the CRM re-sends verbatim within a window: the key names the request, kept for `ttlMs`. */
export interface ReplayKey {
  readonly requestKey: string;
  readonly ttlMs: number;
}

/** What a verified delivery asks of us. */
export type WebhookIntake =
  | {
      /** Record these events in the inbox, then reply. */
      readonly kind: 'events';
      readonly events: readonly CrmChangeEvent[];
      readonly reply: WebhookReply;
      /** Parts of the delivery that could not be used, and why (logged; the periodic sync repairs them). */
      readonly skipped?: { readonly note: string; readonly items: readonly unknown[] };
    }
  | {
      /** Spool the raw bytes for the ingest job to parse (`parseSpooled`), then reply. */
      readonly kind: 'spool';
      readonly replay: ReplayKey | undefined;
      readonly reply: WebhookReply;
    };

/** One webhook endpoint of a provider: `/webhooks/<provider>/:connection[/<channel>]`. */
export interface WebhookReceiver {
  readonly provider: WebhookConnection['provider'];
  /** The path below the connection ('' for the connection's own path). */
  readonly channel: string;
  /** Pure: verifies the raw bytes and parses them; never calls the CRM. Throws WebhookAuthError / WebhookPayloadError. */
  intake(connection: WebhookConnection, request: RawWebhook): Promise<WebhookIntake>;
}

/** How a provider's spooled deliveries (verified at intake, parsed later) become change events. */
export type SpooledWebhookParser = (body: Buffer) => CrmChangeEvent[];
