import { z } from 'zod';
import type { SalesforceChangeEvent } from '../../webhook-change-event.js';
import { ChangeEventMessage, toSalesforceChangeEvents } from '../change-event.js';

/** An event as `salesforce-pubsub-api-client` hands it over: Avro decoded, bitmaps turned into names. */
const ParsedEvent = z.object({
  id: z.string(),
  replayId: z.number().int().nonnegative(),
  payload: z.looseObject({ ChangeEventHeader: z.looseObject({}) }),
});

export interface StreamedChanges {
  readonly replayId: number;
  readonly commitTimestamp: number;
  readonly changeType: string;
  readonly events: readonly SalesforceChangeEvent[];
}

/**
 * One streamed change event → our change events. The client has already decoded the header's
 * changedFields / nulledFields / diffFields bitmaps into field names (api-notes §4.4), and body fields
 * left null mean "unchanged": the shared CDC parser keeps only delivered values and lists clears from
 * nulledFields. Throws when the event does not have the change event shape.
 */
export function changesOfStreamedEvent(raw: unknown): StreamedChanges {
  const parsed = ParsedEvent.parse(raw);
  const message = ChangeEventMessage.parse({ payload: parsed.payload, event: { replayId: parsed.replayId } });
  const header = message.payload.ChangeEventHeader;
  return {
    replayId: parsed.replayId,
    commitTimestamp: header.commitTimestamp,
    changeType: header.changeType,
    events: toSalesforceChangeEvents(message),
  };
}
