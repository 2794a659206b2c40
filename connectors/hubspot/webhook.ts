import { createHash } from 'node:crypto';
import type { ChangeKind, HubspotChangeEvent } from '../webhook-change-event.js';
import { parseJsonBody, parseWebhookPayload } from '../webhook-payload-issues.js';
import type { VerifyHubspotSignatureOptions, HubspotSignatureCheck } from './verify-signature.js';
import { verifyHubspotSignature } from './verify-signature.js';
import type { HubspotWebhookAction, HubspotWebhookEvent } from './webhook-schemas.js';
import { HubspotWebhookBody } from './webhook-schemas.js';
import { standardSingularName } from './standard-objects.js';

export {
  verifyHubspotSignature,
  computeHubspotSignature,
  hubspotPublicUrl,
  decodeHubspotV3Uri,
  HUBSPOT_MAX_SIGNATURE_AGE_MS,
} from './verify-signature.js';
export type {
  HubspotSignatureVersion,
  VerifyHubspotSignatureOptions,
  WebhookHeaders,
} from './verify-signature.js';

const KIND_BY_ACTION: Readonly<Record<HubspotWebhookAction, ChangeKind>> = {
  creation: 'created',
  propertyChange: 'updated',
  deletion: 'deleted',
  merge: 'merged',
  restore: 'restored',
  associationChange: 'association',
  privacyDeletion: 'privacy_deleted',
  // conversation.newMessage: the thread gained a message.
  newMessage: 'updated',
};

/** `contact` for `contact.*`; for generic `object.*`, the name of a standard objectTypeId or the id itself. */
function objectTypeOf(prefix: string, objectTypeId: string | undefined): string {
  if (prefix !== 'object') return prefix;
  if (objectTypeId === undefined) return 'object';
  return standardSingularName(objectTypeId) ?? objectTypeId;
}

function dedupeKeyOf(parts: readonly (string | number | boolean | null | undefined)[]): string {
  // JSON keeps component boundaries unambiguous; hex keeps the key free of ':' (BullMQ job ids).
  return `hubspot-${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40)}`;
}

function propertyValueOf(value: HubspotWebhookEvent['propertyValue']): string | undefined {
  if (value === undefined || value === null) return undefined;
  return String(value);
}

/** One validated HubSpot event → the neutral change event. */
export function toHubspotChangeEvent(event: HubspotWebhookEvent): HubspotChangeEvent {
  const subscriptionType = event.subscriptionType ?? event.eventType ?? '';
  const dot = subscriptionType.indexOf('.');
  const prefix = subscriptionType.slice(0, dot);
  const action = subscriptionType.slice(dot + 1) as HubspotWebhookAction;
  const kind = KIND_BY_ACTION[action];
  const objectId = event.objectId ?? event.fromObjectId ?? '';
  const propertyValue = propertyValueOf(event.propertyValue);
  const mergedIds = event.mergedObjectIds === undefined ? undefined : [...event.mergedObjectIds].sort();
  const primaryId = event.newObjectId ?? event.primaryObjectId;
  const association =
    kind === 'association' &&
    (event.associationType !== undefined ||
      (event.fromObjectTypeId !== undefined && event.toObjectTypeId !== undefined))
      ? {
          type: event.associationType ?? '',
          ...(event.fromObjectTypeId === undefined ? {} : { fromObjectTypeId: event.fromObjectTypeId }),
          ...(event.toObjectTypeId === undefined ? {} : { toObjectTypeId: event.toObjectTypeId }),
          fromId: event.fromObjectId ?? objectId,
          toId: event.toObjectId ?? '',
          removed: event.associationRemoved ?? false,
          ...(event.isPrimaryAssociation === undefined ? {} : { primary: event.isPrimaryAssociation }),
        }
      : undefined;
  const dedupeKey = dedupeKeyOf([
    event.portalId,
    subscriptionType,
    event.objectTypeId,
    objectId,
    event.occurredAt,
    event.propertyName,
    event.propertyValue === undefined ? undefined : (propertyValue ?? null),
    mergedIds?.join(','),
    primaryId,
    association?.type,
    association?.fromObjectTypeId,
    association?.toObjectTypeId,
    association?.fromId,
    association?.toId,
    association?.removed,
  ]);
  return {
    provider: 'hubspot',
    portalId: event.portalId,
    subscriptionType,
    objectType: objectTypeOf(prefix, event.objectTypeId),
    objectId,
    kind,
    occurredAt: event.occurredAt,
    eventId: event.eventId,
    dedupeKey,
    changeSource: event.changeSource ?? 'UNKNOWN',
    appId: event.appId,
    attemptNumber: event.attemptNumber,
    ...(event.objectTypeId === undefined ? {} : { objectTypeId: event.objectTypeId }),
    ...(event.sourceId === undefined ? {} : { sourceId: event.sourceId }),
    ...(event.propertyName === undefined ? {} : { propertyName: event.propertyName }),
    ...(propertyValue === undefined ? {} : { propertyValue }),
    ...(mergedIds === undefined ? {} : { mergedIds }),
    ...(kind === 'merged' && primaryId !== undefined ? { primaryId } : {}),
    ...(association === undefined ? {} : { association }),
  };
}

/**
 * Parses a HubSpot webhook body (a JSON array of 1..100 events) into neutral change events.
 * Throws `WebhookPayloadError` (400) with `{ path, message }` issues when malformed.
 */
export function parseHubspotEvents(rawBody: Buffer): HubspotChangeEvent[] {
  const body = parseWebhookPayload(
    HubspotWebhookBody,
    parseJsonBody(rawBody, 'HubSpot webhook'),
    'HubSpot webhook',
  );
  return body.map(toHubspotChangeEvent);
}

export interface HubspotWebhookIntake {
  readonly signature: HubspotSignatureCheck;
  readonly events: HubspotChangeEvent[];
  /** HubSpot only needs a fast 2xx. */
  readonly reply: { readonly status: 204 };
}

/** Verify, then parse. Pure: never calls HubSpot. */
export function intakeHubspotWebhook(options: VerifyHubspotSignatureOptions): HubspotWebhookIntake {
  const signature = verifyHubspotSignature(options);
  return { signature, events: parseHubspotEvents(options.rawBody), reply: { status: 204 } };
}
