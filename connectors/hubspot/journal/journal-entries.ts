import { z } from 'zod';
import { WebhookPayloadError } from '../../../src/core/errors/index.js';
import { HubspotWebhookEvent } from '../webhook-schemas.js';

/** The spool takes HubSpot webhook bodies of at most 100 events, as HubSpot sends them. */
const SPOOL_BODY_EVENTS = 100;

/**
 * HubSpot does not document the file format behind a journal entry's `url` (docs/vendor-fidelity.md,
 * J3); we read it as a JSON array of events in the webhook event shape, checked with the same schema
 * the webhook path uses, so a changed format stops the consumer instead of dropping changes.
 */
const JournalFile = z.array(z.unknown());

export interface JournalEntryBatch {
  /** Webhook-shaped bodies for the spool, whose parser turns them into change events. */
  readonly bodies: readonly Buffer[];
  readonly events: number;
  /** Latest `occurredAt` of the entry's events (ms), or undefined when it held none. */
  readonly lastOccurredAt: number | undefined;
}

/** Pure: a downloaded journal file → spool bodies. Throws WebhookPayloadError naming the bad event. */
export function journalEntryBatch(file: unknown, portalId: number | undefined): JournalEntryBatch {
  const raw = JournalFile.safeParse(file);
  if (!raw.success) throw new WebhookPayloadError('HubSpot journal file is not a JSON array of events');
  let lastOccurredAt: number | undefined;
  raw.data.forEach((item, i) => {
    const event = HubspotWebhookEvent.safeParse(item);
    if (!event.success) {
      const issue = event.error.issues[0];
      const path = [String(i), ...(issue?.path ?? []).map(String)].join('.');
      throw new WebhookPayloadError(`HubSpot journal event ${path}: ${issue?.message ?? 'invalid'}`);
    }
    if (portalId !== undefined && event.data.portalId !== String(portalId))
      throw new WebhookPayloadError(`HubSpot journal event ${i} is for portal ${event.data.portalId}`);
    lastOccurredAt = Math.max(lastOccurredAt ?? 0, event.data.occurredAt);
  });
  const bodies: Buffer[] = [];
  for (let i = 0; i < raw.data.length; i += SPOOL_BODY_EVENTS)
    bodies.push(Buffer.from(JSON.stringify(raw.data.slice(i, i + SPOOL_BODY_EVENTS))));
  return { bodies, events: raw.data.length, lastOccurredAt };
}
