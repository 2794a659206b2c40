/**
 * The one port every CRM connector implements. Batch-first:
 * callers hand over whole batches and the connector splits them to vendor limits (Salesforce 200,
 * HubSpot 100). Everything here is vendor-neutral; vendor shapes stay in the provider folders.
 */

export const CRM_PROVIDERS = ['salesforce', 'hubspot'] as const;
export type CrmProvider = (typeof CRM_PROVIDERS)[number];

/** A vendor object name as the CRM spells it: `Lead`, `Opportunity`, `contacts`, `deals`, `2-1234`. */
export type CrmObjectType = string;

/** Every CRM call gets an abort signal and (optionally) its own timeout. */
export interface CallContext {
  readonly signal: AbortSignal;
  readonly timeoutMs?: number;
  /** Ask the CRM again instead of using cached metadata (describe); the answer refreshes the cache. */
  readonly fresh?: boolean;
}

export interface ProviderRecord {
  readonly objectType: CrmObjectType;
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
  /** ISO-8601 UTC (Salesforce SystemModstamp, HubSpot hs_lastmodifieddate / archivedAt). */
  readonly modifiedAt: string;
  readonly deleted: boolean;
  /**
   * HubSpot: associated records by object type, as CRM v3 records carry them
   * (`{ companies: { results: [{ id, type }] } }`). Absent where the vendor uses lookup fields.
   */
  readonly associations?: Readonly<
    Record<string, { readonly results: readonly { readonly id: string; readonly type: string }[] }>
  >;
}

/** Associates records we wrote with other records (HubSpot default association type). */
export interface RecordLink {
  readonly fromId: string;
  readonly toId: string;
}

/** A merge the vendor exposes: `mergedIds` were folded into `survivorId`. */
export interface ProviderMerge {
  readonly objectType: CrmObjectType;
  readonly survivorId: string;
  readonly mergedIds: readonly string[];
  readonly mergedAt: string;
}

/**
 * Durable, JSON-serialisable position in a change listing. Store it after each page; resuming from it
 * never skips a change (it may repeat a few: consumers are idempotent).
 */
export interface ChangeCursor {
  readonly provider: CrmProvider;
  readonly objectType: CrmObjectType;
  /** Upserts: everything modified strictly before `since` was delivered, and ids <= `afterId` at `since`. */
  readonly since: string;
  readonly afterId: string | null;
  /** Deletes: archived/deleted records modified before this instant were delivered. */
  readonly deletedSince: string;
}

export interface ChangePage {
  readonly records: readonly ProviderRecord[];
  readonly merges: readonly ProviderMerge[];
  /** Persist this after the page is processed. */
  readonly cursor: ChangeCursor;
}

export interface RecordWrite {
  /** Omit for a create. */
  readonly id?: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface ExternalKeyRow {
  readonly key: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export type WriteResult =
  | { readonly status: 'ok'; readonly index: number; readonly id: string; readonly created: boolean }
  | {
      readonly status: 'rejected';
      readonly index: number;
      readonly id: string | null;
      readonly crmCode: string;
      readonly message: string;
      readonly fields: readonly string[];
    }
  | {
      readonly status: 'retryable';
      readonly index: number;
      readonly id: string | null;
      readonly reason: string;
    };

/** The outcome of one link of a `linkRecords` call; `index` is the link's position in the call. */
export type LinkResult =
  | { readonly status: 'ok'; readonly index: number }
  | {
      readonly status: 'rejected';
      readonly index: number;
      readonly crmCode: string;
      readonly message: string;
    }
  | { readonly status: 'retryable'; readonly index: number; readonly reason: string };

export const FIELD_KINDS = [
  'text',
  'textarea',
  'number',
  'percent',
  'checkbox',
  'picklist',
  'lookup',
  'date',
  'datetime',
  'url',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface FieldDescription {
  readonly name: string;
  /** The vendor's own type name (`string`, `reference`, `enumeration`, …). */
  readonly type: string;
  /** Whether our connection may change it (Salesforce describe `updateable`); absent when not known. */
  readonly updateable?: boolean;
}

export interface FieldSpec {
  /** API name as the vendor wants it (`PS_Duplicate_Of__c`, `ps_duplicate_of`). */
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly options?: readonly string[];
  /** Lookup target object. */
  readonly referenceTo?: string;
  readonly unique?: boolean;
  readonly externalId?: boolean;
  /**
   * Help text a rep sees beside the field: Salesforce `inlineHelpText` (at most 510 characters,
   * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm),
   * HubSpot `description` (https://developers.hubspot.com/docs/api-reference/latest/crm/properties/create-property.md).
   */
  readonly help?: string;
}

export interface ObjectSpec {
  readonly name: string;
  readonly label: string;
  readonly pluralLabel: string;
  readonly fields: readonly FieldSpec[];
  /** Objects to associate with (HubSpot) — ignored by Salesforce, which uses lookups. */
  readonly associatedObjects?: readonly string[];
}

export interface SchemaSpec {
  /** Fields to add to existing objects, by object. */
  readonly fields: Readonly<Record<CrmObjectType, readonly FieldSpec[]>>;
  readonly customObjects: readonly ObjectSpec[];
  readonly dryRun: boolean;
}

/** `updated`/`would_update`: the field existed and lacked picklist values that were (or would be) added. */
export type ProvisionStatus =
  'existed' | 'created' | 'would_create' | 'updated' | 'would_update' | 'failed' | 'fallback';

export interface ProvisionItem {
  readonly kind: 'object' | 'field' | 'group' | 'subscription';
  /** `Lead.PS_Duplicate_Of__c`, `PS_Deal_Registration__c`, `contacts.ps_duplicate_of`. */
  readonly name: string;
  readonly status: ProvisionStatus;
  readonly detail?: string;
}

export interface ProvisionReport {
  readonly provider: CrmProvider;
  readonly dryRun: boolean;
  readonly items: readonly ProvisionItem[];
}

/** API usage the vendor reported on its last response (Sforce-Limit-Info, X-HubSpot-RateLimit-*). */
export interface ApiUsage {
  readonly used: number | null;
  readonly limit: number | null;
  readonly observedAt: number;
}

export interface CrmConnector {
  readonly provider: CrmProvider;
  readonly connectionId: string;
  /** Records per write call, the vendor's batch maximum: write-back sends one call's worth at a time. */
  readonly writeBatchSize: number;
  /** Records per re-read call, the vendor's batch maximum (an ingest batch grows in steps of it). */
  readonly readBatchSize: number;
  /** Calls a re-read of `records` records of `type` costs, association reads included. Pure. */
  readCalls(type: CrmObjectType, records: number): number;
  /** Calls a write of `records` records of `type` costs, checks before the write included. Pure. */
  writeCalls(type: CrmObjectType, records: number): number;
  /** Whether a rejected write's code says the record no longer exists (a delete of it is then done). */
  isRecordGone(crmCode: string): boolean;
  readBatch(type: CrmObjectType, ids: readonly string[], ctx: CallContext): Promise<ProviderRecord[]>;
  /** Upserts, deletes and (where exposed) merges since the cursor; `null` starts a backfill. */
  listChanges(type: CrmObjectType, cursor: ChangeCursor | null, ctx: CallContext): AsyncIterable<ChangePage>;
  writeBatch(type: CrmObjectType, writes: readonly RecordWrite[], ctx: CallContext): Promise<WriteResult[]>;
  upsertByExternalKey(
    type: CrmObjectType,
    keyField: string,
    rows: readonly ExternalKeyRow[],
    ctx: CallContext,
  ): Promise<WriteResult[]>;
  deleteBatch(type: CrmObjectType, ids: readonly string[], ctx: CallContext): Promise<WriteResult[]>;
  describe(type: CrmObjectType, ctx: CallContext): Promise<FieldDescription[]>;
  ensureSchema(spec: SchemaSpec, ctx: CallContext): Promise<ProvisionReport>;
  apiUsage(): ApiUsage | null;
  /**
   * Optional (Salesforce): the user and org our credentials act as, from the token's identity. Used to
   * recognise our own writes when they come back as change notifications.
   */
  identity?(ctx: CallContext): Promise<{ readonly userId: string; readonly organizationId: string }>;
  /** Optional (Salesforce): the session a change event stream presents; `fresh` signs in again first. */
  streamSession?(
    ctx: CallContext,
    fresh: boolean,
  ): Promise<{ readonly accessToken: string; readonly instanceUrl: string; readonly organizationId: string }>;
  /**
   * Optional (HubSpot): links records with the default association type; idempotent. One outcome per
   * link: a link the CRM refuses never fails the others. Connectors whose vendor relates records by
   * lookup fields (Salesforce) leave it out.
   */
  linkRecords?(
    fromType: CrmObjectType,
    toType: CrmObjectType,
    links: readonly RecordLink[],
    ctx: CallContext,
  ): Promise<LinkResult[]>;
  /**
   * Optional (HubSpot): the mapping's name for an object type a webhook names by id
   * (`2-123` → `ps_deal_registration`); other names come back unchanged.
   */
  mappingType?(ref: CrmObjectType, ctx: CallContext): Promise<CrmObjectType>;
  /** Optional (HubSpot): the API's name for a mapped type (custom objects by objectTypeId, `2-123`). */
  apiType?(type: CrmObjectType, ctx: CallContext): Promise<string>;
}
