import type { HsEvent } from './webhook-format.js';

/**
 * The app's webhooks-journal subscriptions: the journal holds only the changes they cover.
 * "The subscription management API allows you to create and manage the subscriptions that drive which
 * events appear in the journal." https://developers.hubspot.com/docs/api-reference/latest/webhooks/webhooks-journal/guide
 * Shapes: https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/subscriptions/create-subscription
 */
export const JOURNAL_ACTIONS = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'MERGE',
  'RESTORE',
  'ASSOCIATION_ADDED',
  'ASSOCIATION_REMOVED',
] as const;
export type JournalAction = (typeof JOURNAL_ACTIONS)[number];

export interface HsSubscriptionInput {
  readonly portalId: number;
  readonly objectTypeId: string;
  readonly actions: readonly JournalAction[];
  readonly objectIds: readonly number[];
  readonly properties: readonly string[];
}

/** `SubscriptionResponse` (spec 2026-03): dates as ISO 8601 strings. */
export interface HsSubscription extends HsSubscriptionInput {
  readonly id: number;
  readonly appId: number;
  readonly subscriptionType: 'OBJECT';
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A webhook event's kind (the part after the dot of `subscriptionType`) as a journal action. */
function actionOf(event: HsEvent): JournalAction | undefined {
  const kind = String(event['subscriptionType']).split('.')[1];
  if (kind === 'associationChange')
    return event['associationRemoved'] === true ? 'ASSOCIATION_REMOVED' : 'ASSOCIATION_ADDED';
  // privacyDeletion: the spec's GDPR_PRIVACY_DELETION subscription type is not modelled; counted as DELETE.
  const byKind: Readonly<Record<string, JournalAction>> = {
    creation: 'CREATE',
    propertyChange: 'UPDATE',
    deletion: 'DELETE',
    privacyDeletion: 'DELETE',
    merge: 'MERGE',
    restore: 'RESTORE',
  };
  return kind === undefined ? undefined : byKind[kind];
}

export class HsJournalSubscriptions {
  private readonly byKey = new Map<string, HsSubscription>();
  private nextId = 5_000;

  constructor(
    private readonly appId: number,
    private readonly now: () => number,
  ) {}

  list = (): HsSubscription[] => [...this.byKey.values()];

  /**
   * The spec names the POST an upsert without saying what identifies the subscription it updates;
   * integrators report that a second POST for the same portal and type answers the same id with the
   * new actions and properties. Modelled as one OBJECT subscription per portal and object type.
   */
  upsert(input: HsSubscriptionInput): HsSubscription {
    const key = `${input.portalId}:${input.objectTypeId}`;
    const at = new Date(this.now()).toISOString();
    const old = this.byKey.get(key);
    if (old === undefined) this.nextId += 1;
    const sub: HsSubscription = {
      ...input,
      id: old?.id ?? this.nextId,
      appId: this.appId,
      subscriptionType: 'OBJECT',
      createdAt: old?.createdAt ?? at,
      updatedAt: at,
    };
    this.byKey.set(key, sub);
    return sub;
  }

  /**
   * Whether a subscription of the event's portal covers it: its object type, its action, the object
   * (when `objectIds` names some) and, for UPDATE, the changed property. The reference lists
   * `properties` and `objectIds` as required but does not say what an empty list means; an empty list
   * is read here as "no narrowing" (every property / every object), as a filter that matched nothing
   * would make an UPDATE or any subscription useless. partnersync always sends its properties.
   */
  covers(objectTypeId: string | undefined, event: HsEvent): boolean {
    const action = actionOf(event);
    if (objectTypeId === undefined || action === undefined) return false;
    const sub = this.byKey.get(`${String(event['portalId'])}:${objectTypeId}`);
    if (sub === undefined || !sub.actions.includes(action)) return false;
    if (sub.objectIds.length > 0 && !sub.objectIds.includes(Number(event['objectId']))) return false;
    if (action !== 'UPDATE' || sub.properties.length === 0) return true;
    return sub.properties.includes(String(event['propertyName']));
  }
}
