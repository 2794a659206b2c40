import { createHash, createHmac } from 'node:crypto';
import type { RecordChange } from '../store.js';
import type { EncodedDelivery } from '../webhook-emitter.js';
import type { AssociationChange } from './associations.js';
import { HS_PORTAL_ID, type HsPortal } from './portal.js';

/** A webhook event without the per-attempt `attemptNumber`. */
export type HsEvent = Readonly<Record<string, string | number | boolean | readonly number[] | undefined>>;

const PREFIX: Readonly<Record<string, string>> = { contacts: 'contact', companies: 'company', deals: 'deal' };
const KIND: Readonly<Record<RecordChange['kind'], string>> = {
  create: 'creation',
  update: 'propertyChange',
  delete: 'deletion',
  restore: 'restore',
  purge: 'privacyDeletion',
  merge: 'merge',
};

/** Turns record changes into HubSpot webhook events (v3 payload fields). */
export class HsEventFactory {
  private eventId = 1000;

  constructor(
    private readonly portal: HsPortal,
    private readonly appId: number,
  ) {}

  private base(type: string, kind: string, at: number): Record<string, string | number | undefined> {
    const t = this.portal.type(type);
    const prefix = PREFIX[type];
    const subscriptionType = prefix ? `${prefix}.${kind}` : `object.${kind}`;
    this.eventId += 1;
    return {
      eventId: this.eventId,
      subscriptionId:
        100 + Object.keys(KIND).indexOf(kind) + (prefix ? Object.keys(PREFIX).indexOf(type) * 10 : 90),
      portalId: HS_PORTAL_ID,
      appId: this.appId,
      occurredAt: at,
      subscriptionType,
      ...(prefix ? {} : { objectTypeId: t?.objectTypeId }),
    };
  }

  /** Writes made with our app's token carry changeSource INTEGRATION and sourceId = appId, so a receiver can skip echoes. */
  private source(appId: string | undefined): Record<string, string> {
    return appId
      ? { changeSource: 'INTEGRATION', sourceId: appId }
      : { changeSource: 'CRM_UI', sourceId: 'userId:9000001' };
  }

  fromChange(c: RecordChange): HsEvent[] {
    const src = this.source(c.actor.appId);
    const objectId = Number(c.record.id);
    if (c.kind === 'update') {
      return c.changed.map((name) => ({
        ...this.base(c.record.type, 'propertyChange', c.at),
        objectId,
        propertyName: name,
        propertyValue: String(c.record.fields[name] ?? ''),
        ...src,
      }));
    }
    const event: Record<string, string | number | boolean | readonly number[] | undefined> = {
      ...this.base(c.record.type, KIND[c.kind], c.at),
      objectId,
      ...src,
    };
    // A real delivery of a create by an app: "changeFlag":"CREATED","changeSource":"INTEGRATION".
    if (c.kind === 'create') event['changeFlag'] = 'CREATED';
    if (c.kind === 'merge' && c.mergedInto) return this.mergeEvents(c, c.mergedInto, event);
    return [event];
  }

  /**
   * One `*.merge` (`primaryObjectId`, `mergedObjectIds`, `newObjectId`: the survivor, a new id when
   * the merge minted one) plus a `*.deletion` for the merged-away record; no propertyChange for the
   * fields the merge moved (amp-labs/connectors#3487; fields: research/api-notes.md §2.1).
   */
  private mergeEvents(c: RecordChange, survivorId: string, deletion: HsEvent): HsEvent[] {
    const primaryId = Number(c.mergePrimary ?? survivorId);
    const merge = {
      ...deletion,
      ...this.base(c.record.type, 'merge', c.at),
      objectId: primaryId,
      primaryObjectId: primaryId,
      mergedObjectIds: [Number(c.record.id)],
      newObjectId: Number(survivorId),
      numberOfPropertiesMoved: c.changed.length,
    };
    return [merge, { ...deletion, ...this.base(c.record.type, 'deletion', c.at) }];
  }

  /**
   * Standard pairs say `associationType: "DEAL_TO_COMPANY"`. Generic `object.associationChange` events
   * for custom objects name both types by id (`fromObjectTypeId`/`toObjectTypeId`) and carry no
   * `<A>_TO_<B>` name: HubSpot does not document one, and a 2026 integrator test sees only the ids.
   * https://developers.hubspot.com/changelog/public-beta-generic-webhook-subscriptions
   */
  fromAssociation(a: AssociationChange, appId: string | undefined): HsEvent {
    const from = PREFIX[a.fromType];
    const to = PREFIX[a.toType];
    const typeIds = {
      fromObjectTypeId: this.portal.type(a.fromType)?.objectTypeId,
      toObjectTypeId: this.portal.type(a.toType)?.objectTypeId,
    };
    return {
      ...this.base(a.fromType, 'associationChange', this.portal.now()),
      objectId: Number(a.fromId),
      ...(from !== undefined && to !== undefined
        ? { associationType: `${from.toUpperCase()}_TO_${to.toUpperCase()}` }
        : typeIds),
      associationTypeId: a.type.typeId,
      associationCategory: a.type.category,
      fromObjectId: Number(a.fromId),
      toObjectId: Number(a.toId),
      associationRemoved: a.removed,
      isPrimaryAssociation: a.type.label === 'Primary',
      ...this.source(appId),
    };
  }
}

// https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
export function signV3(secret: string, method: string, uri: string, body: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`, 'utf8').digest('base64');
}

/** A JSON array of ≤100 events, signed v3 (and v1 for Webhooks-API compatibility). */
export function encodeHsBatch(
  batch: readonly HsEvent[],
  attempt: number,
  url: string,
  secret: string,
  now: () => number,
): EncodedDelivery {
  const body = JSON.stringify(batch.map((e) => ({ ...e, attemptNumber: attempt })));
  const timestamp = String(now());
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent':
        'HubSpot Connect 2.0 (http://dev.hubspot.com/) (namespace: webhooks-nio) - WebhooksExecutorDaemon-executor',
      'x-hubspot-signature-v3': signV3(secret, 'POST', url, body, timestamp),
      'x-hubspot-request-timestamp': timestamp,
      'x-hubspot-signature': createHash('sha256')
        .update(secret + body, 'utf8')
        .digest('hex'),
      'x-hubspot-signature-version': 'v1',
    },
  };
}
