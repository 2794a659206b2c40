import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChangeKind, SalesforceChangeEvent } from '../webhook-change-event.js';
import { parseJsonBody, parseWebhookPayload } from '../webhook-payload-issues.js';

// https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_event_fields_header.htm
export const CDC_CHANGE_TYPES = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'UNDELETE',
  'GAP_CREATE',
  'GAP_UPDATE',
  'GAP_DELETE',
  'GAP_UNDELETE',
  'GAP_OVERFLOW',
] as const;
export type CdcChangeType = (typeof CDC_CHANGE_TYPES)[number];

export const ChangeEventHeader = z
  .object({
    entityName: z.string().min(1),
    recordIds: z.array(z.string().min(1)),
    changeType: z.enum(CDC_CHANGE_TYPES),
    changeOrigin: z.string().default(''),
    transactionKey: z.string().min(1),
    sequenceNumber: z.number().int().nonnegative(),
    commitTimestamp: z.number().int().nonnegative(),
    commitNumber: z.number().optional(),
    commitUser: z.string().optional(),
    isTransactionEnd: z.boolean().optional(),
    changedFields: z.array(z.string()).optional(),
    nulledFields: z.array(z.string()).optional(),
    diffFields: z.array(z.string()).optional(),
  })
  .superRefine((header, ctx) => {
    if (header.recordIds.length === 0 && header.changeType !== 'GAP_OVERFLOW') {
      ctx.addIssue({ code: 'custom', path: ['recordIds'], message: 'recordIds must not be empty' });
    }
  });
export type ChangeEventHeader = z.output<typeof ChangeEventHeader>;

export const ChangeEventMessage = z.object({
  schema: z.string().optional(),
  payload: z.looseObject({ ChangeEventHeader }),
  event: z.object({ replayId: z.union([z.number().int(), z.string().min(1)]) }).optional(),
});
export type ChangeEventMessage = z.output<typeof ChangeEventMessage>;

export const RELAY_MAX_EVENTS_PER_REQUEST = 1000;
const ChangeEventMessages = z.array(ChangeEventMessage).min(1).max(RELAY_MAX_EVENTS_PER_REQUEST);

/** Streaming API / CometD delivery wraps the message: `{ data: { schema, payload, event }, channel }`. */
function unwrapCometd(item: unknown): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
  return 'data' in item && !('payload' in item) ? item.data : item;
}

const KIND_BY_CHANGE_TYPE: Readonly<Record<CdcChangeType, ChangeKind>> = {
  CREATE: 'created',
  UPDATE: 'updated',
  DELETE: 'deleted',
  UNDELETE: 'restored',
  GAP_CREATE: 'created',
  GAP_UPDATE: 'updated',
  GAP_DELETE: 'deleted',
  GAP_UNDELETE: 'restored',
  GAP_OVERFLOW: 'updated',
};

// Pub/Sub API delivers changedFields/nulledFields/diffFields as hex bitmaps ("0x…", "3-0x…") until decoded.
const BITMAP = /^(?:\d+-)?0x[0-9a-f]+$/i;

/** CDC bodies set only changed fields; every other field is null, meaning unchanged (clears are in nulledFields). */
function deliveredFields(payload: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (name === 'ChangeEventHeader' || value === null || value === undefined) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      const nested = deliveredFields(value as Record<string, unknown>);
      if (Object.keys(nested).length > 0) fields[name] = nested;
    } else {
      fields[name] = value;
    }
  }
  return fields;
}

function dedupeKeyOf(header: ChangeEventHeader, recordId: string): string {
  const parts = [
    header.entityName,
    header.changeType,
    recordId,
    header.transactionKey,
    header.sequenceNumber,
  ];
  return `salesforce-${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40)}`;
}

/** One CDC event message → one neutral change event per record id (one flagged event for wildcards). */
export function toSalesforceChangeEvents(message: ChangeEventMessage): SalesforceChangeEvent[] {
  const header = message.payload.ChangeEventHeader;
  const gap = header.changeType.startsWith('GAP_');
  const bitmaps = [...(header.changedFields ?? []), ...(header.nulledFields ?? [])].some((f) =>
    BITMAP.test(f),
  );
  const fields = gap ? {} : deliveredFields(message.payload);
  const recordIds = header.recordIds.length > 0 ? header.recordIds : ['*'];
  return recordIds.map((recordId) => {
    const wildcard = recordId.includes('*');
    return {
      provider: 'salesforce',
      source: 'cdc',
      objectType: header.entityName,
      objectId: recordId,
      kind: KIND_BY_CHANGE_TYPE[header.changeType],
      occurredAt: header.commitTimestamp,
      eventId:
        message.event === undefined
          ? `${header.transactionKey}/${header.sequenceNumber}`
          : String(message.event.replayId),
      dedupeKey: dedupeKeyOf(header, recordId),
      changeOrigin: header.changeOrigin,
      needsReread: gap || wildcard || bitmaps,
      wildcard,
      transactionKey: header.transactionKey,
      sequenceNumber: header.sequenceNumber,
      ...(header.commitUser === undefined ? {} : { commitUser: header.commitUser }),
      ...(bitmaps || header.changedFields === undefined ? {} : { changedFields: header.changedFields }),
      ...(bitmaps || header.nulledFields === undefined ? {} : { nulledFields: header.nulledFields }),
      ...(Object.keys(fields).length === 0 ? {} : { fields }),
    };
  });
}

/**
 * Parses relayed Change Data Capture JSON: one event or an array, each bare (`{ schema, payload, event }`)
 * or CometD-wrapped (`{ data, channel }`). Throws `WebhookPayloadError` (400) with issues when malformed.
 */
export function parseChangeEvents(rawBody: Buffer): SalesforceChangeEvent[] {
  const what = 'Salesforce change event';
  const json = parseJsonBody(rawBody, what);
  // Issue paths are indexes into the (unwrapped) list, also for a single event: `0.payload.ChangeEventHeader…`.
  const messages = parseWebhookPayload(
    ChangeEventMessages,
    (Array.isArray(json) ? json : [json]).map(unwrapCometd),
    what,
  );
  return messages.flatMap(toSalesforceChangeEvents);
}
