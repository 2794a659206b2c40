/** What a change did to a record, in words shared by both CRMs. */
export const CHANGE_KINDS = [
  'created',
  'updated',
  'deleted',
  'merged',
  'restored',
  'association',
  'privacy_deleted',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

interface ChangeEventBase {
  /** Record type: HubSpot `contact` | `company` | `deal` | … or a custom objectTypeId; Salesforce API name. */
  readonly objectType: string;
  readonly objectId: string;
  readonly kind: ChangeKind;
  /** When the change happened in the CRM, ms since epoch. Order by this, never by arrival. */
  readonly occurredAt: number;
  /** The vendor's own event id. Not unique on its own: use `dedupeKey`. */
  readonly eventId: string;
  /** Deterministic idempotency key: equal for redeliveries, different for distinct changes. No `:`. */
  readonly dedupeKey: string;
}

export interface HubspotAssociationChange {
  /** `CONTACT_TO_COMPANY`; empty when the event names the two object types by id only (custom objects). */
  readonly type: string;
  /** `0-3`, `2-123`: generic and custom-object association events name the types by id. */
  readonly fromObjectTypeId?: string;
  readonly toObjectTypeId?: string;
  readonly fromId: string;
  readonly toId: string;
  readonly removed: boolean;
  readonly primary?: boolean;
}

export interface HubspotChangeEvent extends ChangeEventBase {
  readonly provider: 'hubspot';
  readonly portalId: string;
  readonly subscriptionType: string;
  readonly objectTypeId?: string;
  readonly propertyName?: string;
  readonly propertyValue?: string;
  readonly mergedIds?: readonly string[];
  readonly primaryId?: string;
  readonly association?: HubspotAssociationChange;
  readonly changeSource: string;
  readonly appId: string;
  readonly sourceId?: string;
  readonly attemptNumber: number;
}

export interface SalesforceChangeEvent extends ChangeEventBase {
  readonly provider: 'salesforce';
  readonly source: 'cdc' | 'outbound_message';
  /** CDC `changeOrigin`, e.g. `com/salesforce/api/rest/60.0;client=partnersync`. Kept for echo detection. */
  readonly changeOrigin?: string;
  /** CDC `commitUser`, or the delivered `LastModifiedById` of an outbound message. */
  readonly commitUser?: string;
  /** GAP_* events, undecoded bitmaps and wildcard ids carry no usable field data: read the record. */
  readonly needsReread: boolean;
  /** `recordIds` held a wildcard such as `001*`: many records of the type changed. */
  readonly wildcard: boolean;
  readonly changedFields?: readonly string[];
  readonly nulledFields?: readonly string[];
  /** Delivered non-null field values (CDC: null means unchanged, clears are in `nulledFields`). */
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly transactionKey?: string;
  readonly sequenceNumber?: number;
}

export type CrmChangeEvent = HubspotChangeEvent | SalesforceChangeEvent;
