import { createHash } from 'node:crypto';
import type { SalesforceChangeEvent } from '../webhook-change-event.js';
import { parseChangeEvents } from './change-event.js';
import type { OutboundMessage } from './outbound-message.js';
import {
  OUTBOUND_MESSAGE_ACK_CONTENT_TYPE,
  outboundMessageAck,
  parseOutboundMessage,
} from './outbound-message.js';
import type { VerifyRelaySignatureOptions } from './relay-signature.js';
import { verifyRelaySignature } from './relay-signature.js';

export { parseChangeEvents, toSalesforceChangeEvents, CDC_CHANGE_TYPES } from './change-event.js';
export type { CdcChangeType } from './change-event.js';
export {
  parseOutboundMessage,
  outboundMessageAck,
  OUTBOUND_MESSAGE_ACK_CONTENT_TYPE,
  OUTBOUND_MESSAGE_MAX_NOTIFICATIONS,
  OUTBOUND_MESSAGE_LIMITS,
} from './outbound-message.js';
export type {
  OutboundMessage,
  OutboundNotification,
  OutboundNotificationWithoutData,
  OutboundFieldValue,
} from './outbound-message.js';
export { signRelayPayload, verifyRelaySignature, RELAY_SIGNATURE_HEADER } from './relay-signature.js';
export type { VerifyRelaySignatureOptions, RelayHeaders } from './relay-signature.js';
export { sameSalesforceId } from './same-salesforce-id.js';
export { isOwnSalesforceChange } from './is-own-salesforce-change.js';

export interface WebhookReply {
  readonly status: number;
  readonly contentType?: string;
  readonly body?: string;
}

function lastModifiedAt(fields: OutboundMessage['notifications'][number]['fields']): number | undefined {
  const value = fields['LastModifiedDate'];
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function outboundDedupeKey(notificationId: string): string {
  // https://developer.salesforce.com/docs/platform/api/guide/sforce-api-om-outboundmessaging-understanding.html
  // Redeliveries keep the Notification Id.
  return `salesforce-${createHash('sha256').update(`om/${notificationId}`).digest('hex').slice(0, 40)}`;
}

/**
 * Outbound messages carry the record's latest selected fields, not what changed, so every notification
 * becomes an `updated` event. `occurredAt` is the delivered LastModifiedDate when selected, else `receivedAt`.
 * A notification without data (its record was deleted before delivery) becomes a wildcard event for its
 * object type: the type is synced again, and `queryAll` finds the delete.
 */
export function outboundMessageChangeEvents(
  message: OutboundMessage,
  receivedAt: number,
): SalesforceChangeEvent[] {
  const withData = message.notifications.map((notification): SalesforceChangeEvent => {
    const lastModifiedById = notification.fields['LastModifiedById'];
    return {
      provider: 'salesforce',
      source: 'outbound_message',
      objectType: notification.objectType,
      objectId: notification.objectId,
      kind: 'updated',
      occurredAt: lastModifiedAt(notification.fields) ?? receivedAt,
      eventId: notification.id,
      dedupeKey: outboundDedupeKey(notification.id),
      needsReread: false,
      wildcard: false,
      fields: notification.fields,
      ...(typeof lastModifiedById === 'string' ? { commitUser: lastModifiedById } : {}),
    };
  });
  const withoutData = message.withoutData.map((notification): SalesforceChangeEvent => ({
    provider: 'salesforce',
    source: 'outbound_message',
    objectType: notification.objectType,
    objectId: '*',
    kind: 'updated',
    occurredAt: receivedAt,
    eventId: notification.id,
    dedupeKey: outboundDedupeKey(notification.id),
    needsReread: true,
    wildcard: true,
  }));
  return [...withData, ...withoutData];
}

export interface SalesforceOutboundIntake {
  readonly message: OutboundMessage;
  readonly events: SalesforceChangeEvent[];
  readonly reply: WebhookReply;
}

/** Parse an outbound message for the connection's org and build the SOAP Ack reply (no I/O). */
export async function intakeSalesforceOutboundMessage(options: {
  readonly rawBody: Buffer;
  readonly orgId: string;
  readonly now: number;
}): Promise<SalesforceOutboundIntake> {
  const message = await parseOutboundMessage(options.rawBody, { orgId: options.orgId });
  return {
    message,
    events: outboundMessageChangeEvents(message, options.now),
    reply: { status: 200, contentType: OUTBOUND_MESSAGE_ACK_CONTENT_TYPE, body: outboundMessageAck() },
  };
}

export interface SalesforceChangeEventIntake {
  readonly events: SalesforceChangeEvent[];
  readonly reply: WebhookReply;
}

/** Verify the relay signature over the raw bytes, then parse the CDC events. Pure. */
export function intakeSalesforceChangeEvents(
  options: VerifyRelaySignatureOptions,
): SalesforceChangeEventIntake {
  verifyRelaySignature(options);
  return { events: parseChangeEvents(options.rawBody), reply: { status: 204 } };
}
