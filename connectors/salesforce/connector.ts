import type {
  ApiUsage,
  CallContext,
  ChangeCursor,
  ChangePage,
  CrmConnector,
  ExternalKeyRow,
  FieldDescription,
  ProviderRecord,
  ProvisionReport,
  RecordWrite,
  SchemaSpec,
  WriteResult,
} from '../port.js';
import { chunk } from '../with-deadline.js';
import { bulkIngest } from './bulk-ingest.js';
import { DEFAULT_BULK_POLLING, type BulkPolling } from './bulk-job.js';
import { nameConvertedLeads } from './converted-leads.js';
import { listSalesforceChanges, toProviderRecord } from './change-listing.js';
import type { SalesforceClient } from './client.js';
import type { SalesforceIdentity } from './identity.js';
import type { StreamSession } from './pubsub/change-stream.js';
import { ensurePermissionSets } from './permission-sets.js';
import { ensureSalesforceSchema } from './provision.js';
import { sendCollection } from './send-collection.js';
import { DescribeResult, RetrieveResults } from './schemas.js';
import { soqlIdentifier } from './soql.js';
import { SALESFORCE_WRITE_BATCH, isSalesforceRecordGone } from './write-outcomes.js';

/** sObject Collections take at most 200 records per request. */
export const SALESFORCE_BATCH = 200;
/**
 * sObject Collections retrieve takes up to 2,000 ids per request.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_retrieve_post.htm
 */
const RETRIEVE_BATCH = 2000;
const UNSELECTABLE = new Set(['base64', 'address', 'location']);
/** Read on every record whatever the mapping says: the sync's cursor, deletes, merges, conversions, echoes. */
const SYNC_OWN = [
  'Id',
  'SystemModstamp',
  'IsDeleted',
  'LastModifiedById',
  'MasterRecordId',
  'IsConverted',
  'ConvertedContactId',
  'ConvertedAccountId',
  'ConvertedOpportunityId',
];

export interface SalesforceConnectorOptions {
  readonly now?: () => number;
  readonly lookbackMs?: number;
  /** Fields to read per object; default: every describe field that SOQL can select. */
  readonly fields?: Readonly<Record<string, readonly string[]>>;
  /**
   * The fields the active mapping reads on an object (undefined: it does not say). Only those, plus
   * the sync's own, are selected: a wide object's every field would not fit a query URI.
   */
  readonly readFields?: (objectType: string) => Promise<readonly string[] | undefined>;
  /** Above this many records, writes and backfills use Bulk API 2.0; unset: never. */
  readonly bulkThreshold?: number;
  readonly bulkPolling?: BulkPolling & { readonly pageSize?: number };
}

export class SalesforceConnector implements CrmConnector {
  readonly provider = 'salesforce';
  readonly writeBatchSize = SALESFORCE_WRITE_BATCH;
  readonly readBatchSize = RETRIEVE_BATCH;
  readonly isRecordGone = isSalesforceRecordGone;
  private readonly describeCache = new Map<string, Promise<FieldDescription[]>>();
  private readonly now: () => number;

  constructor(
    private readonly client: SalesforceClient,
    private readonly opts: SalesforceConnectorOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  get connectionId(): string {
    return this.client.connectionId;
  }

  apiUsage(): ApiUsage | null {
    return this.client.apiUsage();
  }

  async describe(type: string, ctx: CallContext): Promise<FieldDescription[]> {
    const cached = ctx.fresh === true ? undefined : this.describeCache.get(type);
    if (cached !== undefined) return cached;
    // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
    const loading = this.client
      .call(DescribeResult, { method: 'GET', path: `/sobjects/${soqlIdentifier(type)}/describe` }, ctx)
      .then((d) =>
        d.fields.map((f) => ({
          name: f.name,
          type: f.type,
          ...(f.updateable !== undefined ? { updateable: f.updateable } : {}),
        })),
      );
    this.describeCache.set(type, loading);
    loading.catch(() => this.describeCache.delete(type));
    return loading;
  }

  private async fieldsOf(type: string, ctx: CallContext): Promise<readonly string[]> {
    const configured = this.opts.fields?.[type];
    if (configured !== undefined) return configured;
    const selectable = (await this.describe(type, ctx)).filter((f) => !UNSELECTABLE.has(f.type));
    const wanted = await this.opts.readFields?.(type);
    if (wanted === undefined) return selectable.map((f) => f.name);
    // Describe's spelling; a name the org does not have (an org-feature field) is left out.
    const byLower = new Map(selectable.map((f) => [f.name.toLowerCase(), f.name]));
    const names = [...SYNC_OWN, ...wanted].map((n) => byLower.get(n.toLowerCase()));
    return [...new Set(names.filter((n): n is string => n !== undefined))];
  }

  readCalls(_type: string, records: number): number {
    return Math.ceil(records / RETRIEVE_BATCH);
  }

  /** One collection call per 200 records (a converted lead refused by it costs a query, rarely). */
  writeCalls(_type: string, records: number): number {
    return Math.ceil(records / SALESFORCE_WRITE_BATCH);
  }

  async readBatch(type: string, ids: readonly string[], ctx: CallContext): Promise<ProviderRecord[]> {
    const fields = await this.fieldsOf(type, ctx);
    const out: ProviderRecord[] = [];
    for (const part of chunk(ids, RETRIEVE_BATCH)) {
      // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_retrieve.htm
      const rows = await this.client.call(
        RetrieveResults,
        { method: 'POST', path: `/composite/sobjects/${soqlIdentifier(type)}`, body: { ids: part, fields } },
        ctx,
      );
      for (const r of rows) if (r !== null) out.push(toProviderRecord(type, r));
    }
    return out;
  }

  async *listChanges(type: string, cursor: ChangeCursor | null, ctx: CallContext): AsyncIterable<ChangePage> {
    // Describe-derived fields include MasterRecordId where the object has it (Lead, Contact, Account).
    const fields = await this.fieldsOf(type, ctx);
    const threshold = this.opts.bulkThreshold;
    const polling = { ...DEFAULT_BULK_POLLING, pageSize: 50_000, ...this.opts.bulkPolling };
    const types = async (): Promise<ReadonlyMap<string, string>> =>
      new Map((await this.describe(type, ctx)).map((f) => [f.name, f.type]));
    yield* listSalesforceChanges(this.client, type, cursor, ctx, {
      now: this.now,
      lookbackMs: this.opts.lookbackMs ?? 60_000,
      fields,
      ...(threshold !== undefined ? { bulk: { threshold, polling, types } } : {}),
    });
  }

  async writeBatch(type: string, writes: readonly RecordWrite[], ctx: CallContext): Promise<WriteResult[]> {
    const obj = soqlIdentifier(type);
    const results: WriteResult[] = [];
    const indexed = writes.map((w, index) => ({ w, index }));
    const creates = indexed.filter((x) => x.w.id === undefined);
    const updates = indexed.filter((x) => x.w.id !== undefined);
    const bulk = this.useBulk(updates.length);
    if (bulk) {
      // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_api_2_0.htm
      const rows = updates.map(({ w }) => ({ ...w.fields, Id: w.id }));
      const req = { object: obj, operation: 'update' as const, keyField: 'Id', rows };
      const out = await bulkIngest(this.client, req, ctx, this.polling());
      out.forEach((r, i) => results.push({ ...r, index: updates[i]?.index ?? r.index }));
    }
    for (const [method, group] of [
      ['POST', creates],
      ['PATCH', bulk ? [] : updates],
    ] as const) {
      for (const part of chunk(group, SALESFORCE_BATCH)) {
        const records = part.map(({ w }) => ({
          attributes: { type: obj },
          ...w.fields,
          ...(w.id !== undefined ? { Id: w.id } : {}),
        }));
        const ids = part.map(({ w }) => w.id ?? null);
        const chunkResults = await sendCollection(
          this.client,
          method,
          '/composite/sobjects',
          { allOrNone: false, records },
          ids,
          ctx,
        );
        chunkResults.forEach((r, i) => results.push({ ...r, index: part[i]?.index ?? r.index }));
      }
    }
    const named =
      obj.toLowerCase() === 'lead' ? await nameConvertedLeads(this.client, results, ctx) : results;
    return named.sort((a, b) => a.index - b.index);
  }

  async upsertByExternalKey(
    type: string,
    keyField: string,
    rows: readonly ExternalKeyRow[],
    ctx: CallContext,
  ): Promise<WriteResult[]> {
    const obj = soqlIdentifier(type);
    const key = soqlIdentifier(keyField);
    if (this.useBulk(rows.length)) {
      const bulkRows = rows.map((r) => ({ ...r.fields, [key]: r.key }));
      return bulkIngest(
        this.client,
        { object: obj, operation: 'upsert', keyField: key, rows: bulkRows },
        ctx,
        this.polling(),
      );
    }
    const results: WriteResult[] = [];
    for (const [n, part] of chunk(rows, SALESFORCE_BATCH).entries()) {
      // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
      const records = part.map((r) => ({ attributes: { type: obj }, ...r.fields, [key]: r.key }));
      const chunkResults = await sendCollection(
        this.client,
        'PATCH',
        `/composite/sobjects/${obj}/${key}`,
        { allOrNone: false, records },
        part.map(() => null),
        ctx,
        n * SALESFORCE_BATCH,
      );
      results.push(...chunkResults);
    }
    return results;
  }

  async deleteBatch(_type: string, ids: readonly string[], ctx: CallContext): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    for (const [n, part] of chunk(ids, SALESFORCE_BATCH).entries()) {
      // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_delete.htm
      const path = `/composite/sobjects?ids=${part.map(encodeURIComponent).join(',')}&allOrNone=false`;
      results.push(
        ...(await sendCollection(this.client, 'DELETE', path, undefined, part, ctx, n * SALESFORCE_BATCH)),
      );
    }
    return results;
  }

  private useBulk(count: number): boolean {
    return this.opts.bulkThreshold !== undefined && count > this.opts.bulkThreshold;
  }

  private polling(): BulkPolling {
    return { ...DEFAULT_BULK_POLLING, ...this.opts.bulkPolling };
  }

  /** Creates the fields and objects, then the permission sets that let our user (and reps) use them. */
  async ensureSchema(spec: SchemaSpec, ctx: CallContext): Promise<ProvisionReport> {
    const report = await ensureSalesforceSchema(this.client, spec, ctx);
    const access = await ensurePermissionSets(this.client, spec, ctx);
    // What was just created is visible only now: describe again on next use.
    this.describeCache.clear();
    return { ...report, items: [...report.items, ...access] };
  }

  /** The user and org our token belongs to (echo detection, permission set assignment). */
  streamSession(ctx: CallContext, fresh: boolean): Promise<StreamSession> {
    return this.client.streamSession(ctx, fresh);
  }

  identity(ctx: CallContext): Promise<SalesforceIdentity> {
    return this.client.identity(ctx);
  }
}
