import { CrmRejectedError, CrmTransientError } from '../../src/core/errors/index.js';
import type {
  ApiUsage,
  CallContext,
  ChangeCursor,
  ChangePage,
  CrmConnector,
  ExternalKeyRow,
  FieldDescription,
  LinkResult,
  ProviderRecord,
  ProvisionReport,
  RecordLink,
  RecordWrite,
  SchemaSpec,
  WriteResult,
} from '../port.js';
import { chunk } from '../with-deadline.js';
import { associationsPath, objectsPath, propertiesPath } from './api-paths.js';
import {
  HUBSPOT_ASSOCIATION_READ_BATCH,
  defaultAssociationType,
  readAssociations,
  type AssociationSpec,
} from './associations.js';
import {
  linkFailure,
  toLinkResults,
  toProperties,
  toWriteResults,
  type BatchInputKey,
} from './batch-results.js';
import { listHubspotChanges, toProviderRecord } from './change-listing.js';
import type { HubspotClient } from './client.js';
import { HubspotObjectTypes } from './object-types.js';
import { ensureHubspotSchema } from './provision.js';
import { HsAnything, HsAssociationBatch, HsBatchResponse, HsProperties } from './schemas.js';
import type { HsBatchResponse as HsBatch } from './schemas.js';
import { HUBSPOT_WRITE_BATCH, isHubspotRecordGone } from './write-outcomes.js';

/** HubSpot batch endpoints take at most 100 inputs. */
export const HUBSPOT_BATCH = 100;

export interface HubspotConnectorOptions {
  readonly now?: () => number;
  readonly lookbackMs?: number;
  readonly properties?: Readonly<Record<string, readonly string[]>>;
  /** Associations read with each record, by object type (none by default; see HUBSPOT_MAPPING_ASSOCIATIONS). */
  readonly associations?: Readonly<Record<string, readonly string[]>>;
}

export interface AssociationInput {
  readonly fromId: string;
  readonly toId: string;
  readonly types: readonly {
    associationCategory: 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';
    associationTypeId: number;
  }[];
}

const objectPath = objectsPath;

export class HubspotConnector implements CrmConnector {
  readonly provider = 'hubspot';
  readonly writeBatchSize = HUBSPOT_WRITE_BATCH;
  readonly readBatchSize = HUBSPOT_BATCH;
  readonly isRecordGone = isHubspotRecordGone;
  private readonly describeCache = new Map<string, Promise<FieldDescription[]>>();
  private readonly linkTypes = new Map<string, Promise<AssociationSpec>>();
  private readonly now: () => number;
  /** Custom object base names → objectTypeId, and back (webhooks). */
  readonly objectTypes: HubspotObjectTypes;

  constructor(
    private readonly client: HubspotClient,
    private readonly opts: HubspotConnectorOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.objectTypes = new HubspotObjectTypes(client);
  }

  /**
   * The name a HubSpot path takes for a mapped type: standard names as they are, custom objects by
   * objectTypeId (never by base name).
   */
  apiType(type: string, ctx: CallContext): Promise<string> {
    return this.objectTypes.apiName(type, ctx);
  }

  /** The mapping's name for a type a webhook names by objectTypeId (`2-<n>` → `ps_deal_registration`). */
  mappingType(ref: string, ctx: CallContext): Promise<string> {
    return this.objectTypes.mappingName(ref, ctx);
  }

  get connectionId(): string {
    return this.client.connectionId;
  }

  apiUsage(): ApiUsage | null {
    return this.client.apiUsage();
  }

  describe(type: string, ctx: CallContext): Promise<FieldDescription[]> {
    const cached = ctx.fresh === true ? undefined : this.describeCache.get(type);
    if (cached !== undefined) return cached;
    // https://developers.hubspot.com/docs/api/crm/properties
    const loading = this.apiType(type, ctx)
      .then((api) => this.client.call(HsProperties, { method: 'GET', path: propertiesPath(api) }, ctx))
      .then(({ body }) => body.results.map((p) => ({ name: p.name, type: p.type })));
    this.describeCache.set(type, loading);
    loading.catch(() => this.describeCache.delete(type));
    return loading;
  }

  private async propertiesOf(type: string, ctx: CallContext): Promise<readonly string[]> {
    return this.opts.properties?.[type] ?? (await this.describe(type, ctx)).map((f) => f.name);
  }

  /** One batch read per 100 records, and one association read per 1,000 for each type the mappings read. */
  readCalls(type: string, records: number): number {
    const associated = this.opts.associations?.[type]?.length ?? 0;
    return (
      Math.ceil(records / HUBSPOT_BATCH) + associated * Math.ceil(records / HUBSPOT_ASSOCIATION_READ_BATCH)
    );
  }

  /** One batch update or create per 100 records. */
  writeCalls(_type: string, records: number): number {
    return Math.ceil(records / HUBSPOT_WRITE_BATCH);
  }

  async readBatch(type: string, ids: readonly string[], ctx: CallContext): Promise<ProviderRecord[]> {
    const properties = await this.propertiesOf(type, ctx);
    const api = await this.apiType(type, ctx);
    const out: ProviderRecord[] = [];
    for (const part of chunk(ids, HUBSPOT_BATCH)) {
      // https://developers.hubspot.com/docs/api/crm/contacts — POST /batch/read, 100 per request
      const { body } = await this.client.call(
        HsBatchResponse,
        {
          method: 'POST',
          path: `${objectPath(api)}/batch/read`,
          body: { inputs: part.map((id) => ({ id })), properties },
        },
        ctx,
      );
      out.push(...body.results.map((o) => toProviderRecord(type, o, false)));
    }
    return this.withAssociations(type, out, ctx);
  }

  /** Adds the associations the mappings read (deal → companies with their labels) to live records. */
  private async withAssociations(
    type: string,
    records: readonly ProviderRecord[],
    ctx: CallContext,
  ): Promise<ProviderRecord[]> {
    const toTypes = this.opts.associations?.[type] ?? [];
    const live = records.filter((r) => !r.deleted).map((r) => r.id);
    if (toTypes.length === 0 || live.length === 0) return [...records];
    const from = await this.apiType(type, ctx);
    const byType = await Promise.all(
      toTypes.map(
        async (to) =>
          [
            to,
            await readAssociations(this.client, from, await this.apiType(to, ctx), live, ctx, type, to),
          ] as const,
      ),
    );
    return records.map((r) =>
      r.deleted
        ? r
        : {
            ...r,
            associations: Object.fromEntries(
              byType.map(([to, found]) => [to, { results: found.get(r.id) ?? [] }]),
            ),
          },
    );
  }

  /**
   * Links records with the pair's unlabelled association type. Each link has its own outcome: one link
   * that HubSpot refuses (a deleted record, an admin association limit) never fails the others.
   */
  async linkRecords(
    fromType: string,
    toType: string,
    links: readonly RecordLink[],
    ctx: CallContext,
  ): Promise<LinkResult[]> {
    if (links.length === 0) return [];
    let from: string;
    let to: string;
    let spec: AssociationSpec;
    try {
      [from, to] = [await this.apiType(fromType, ctx), await this.apiType(toType, ctx)];
      const key = `${from}|${to}`;
      let found = this.linkTypes.get(key);
      if (found === undefined) {
        found = defaultAssociationType(this.client, from, to, ctx, `${fromType} to ${toType}`);
        this.linkTypes.set(key, found);
        found.catch(() => this.linkTypes.delete(key));
      }
      spec = await found;
    } catch (err) {
      return links.map((_l, index) => linkFailure(index, err));
    }
    const out: LinkResult[] = [];
    for (const [n, part] of chunk(links, HUBSPOT_BATCH).entries()) {
      const results = await this.associateBatch(
        from,
        to,
        part.map((l) => ({ fromId: l.fromId, toId: l.toId, types: [spec] })),
        ctx,
      );
      out.push(...results.map((r) => ({ ...r, index: r.index + n * HUBSPOT_BATCH })));
    }
    return out;
  }

  async *listChanges(type: string, cursor: ChangeCursor | null, ctx: CallContext): AsyncIterable<ChangePage> {
    const properties = await this.propertiesOf(type, ctx);
    const apiType = await this.apiType(type, ctx);
    for await (const page of listHubspotChanges(this.client, type, cursor, ctx, {
      apiType,
      now: this.now,
      lookbackMs: this.opts.lookbackMs ?? 60_000,
      properties,
    }))
      yield { ...page, records: await this.withAssociations(type, page.records, ctx) };
  }

  /**
   * Creates and updates, 100 per call. Every input carries an `objectWriteTraceId`: without it HubSpot
   * fails the whole batch with 400 when one input is invalid; with it, it answers 207 with per-record
   * errors. https://developers.hubspot.com/docs/api-reference/error-handling
   */
  async writeBatch(type: string, writes: readonly RecordWrite[], ctx: CallContext): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    const indexed = writes.map((w, index) => ({ w, index }));
    for (const part of chunk(
      indexed.filter((x) => x.w.id === undefined),
      HUBSPOT_BATCH,
    )) {
      const inputs = part.map(({ w, index }) => ({
        properties: toProperties(w.fields),
        objectWriteTraceId: String(index),
      }));
      const keys = part.map(({ index }) => ({ trace: String(index), key: String(index) }));
      const res = await this.batch(
        type,
        'create',
        inputs,
        keys,
        () => undefined,
        () => true,
        ctx,
      );
      res.forEach((r, i) => results.push({ ...r, index: part[i]?.index ?? r.index }));
    }
    for (const part of chunk(
      indexed.filter((x) => x.w.id !== undefined),
      HUBSPOT_BATCH,
    )) {
      const inputs = part.map(({ w, index }) => ({
        id: w.id ?? '',
        properties: toProperties(w.fields),
        objectWriteTraceId: String(index),
      }));
      const keys = inputs.map((x) => ({ trace: x.objectWriteTraceId, key: x.id }));
      const res = await this.batch(
        type,
        'update',
        inputs,
        keys,
        (r) => r.id,
        () => false,
        ctx,
      );
      res.forEach((r, i) => results.push({ ...r, index: part[i]?.index ?? r.index }));
    }
    return results.sort((a, b) => a.index - b.index);
  }

  /** Upserts by a unique property, 100 per call, each input with its `objectWriteTraceId` (see writeBatch). */
  async upsertByExternalKey(
    type: string,
    keyField: string,
    rows: readonly ExternalKeyRow[],
    ctx: CallContext,
  ): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    for (const [n, part] of chunk(rows, HUBSPOT_BATCH).entries()) {
      const inputs = part.map((r, i) => ({
        id: r.key,
        idProperty: keyField,
        properties: toProperties(r.fields),
        objectWriteTraceId: String(n * HUBSPOT_BATCH + i),
      }));
      const res = await this.batch(
        type,
        'upsert',
        inputs,
        inputs.map((x) => ({ trace: x.objectWriteTraceId, key: x.id })),
        (r) => r.properties[keyField] ?? undefined,
        (r) => r.new === true,
        ctx,
      );
      results.push(...res.map((r) => ({ ...r, index: r.index + n * HUBSPOT_BATCH })));
    }
    return results;
  }

  async deleteBatch(type: string, ids: readonly string[], ctx: CallContext): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    const api = await this.apiType(type, ctx);
    for (const [n, part] of chunk(ids, HUBSPOT_BATCH).entries()) {
      // POST /batch/archive answers 204 with no per-record detail.
      await this.client.call(
        HsAnything,
        {
          method: 'POST',
          path: `${objectPath(api)}/batch/archive`,
          body: { inputs: part.map((id) => ({ id })) },
        },
        ctx,
      );
      results.push(
        ...part.map((id, i): WriteResult => ({
          status: 'ok',
          index: n * HUBSPOT_BATCH + i,
          id,
          created: false,
        })),
      );
    }
    return results;
  }

  /**
   * Labelled associations, batch create (2026-03; same body as v4).
   * https://developers.hubspot.com/docs/api-reference/2026-03/crm/associations/associate-records/batch/create-associations
   */
  async associate(
    fromType: string,
    toType: string,
    pairs: readonly AssociationInput[],
    ctx: CallContext,
  ): Promise<void> {
    const [from, to] = [await this.apiType(fromType, ctx), await this.apiType(toType, ctx)];
    for (const part of chunk(pairs, HUBSPOT_BATCH)) {
      const failed = (await this.associateBatch(from, to, part, ctx)).find((r) => r.status !== 'ok');
      if (failed?.status === 'rejected') throw new CrmRejectedError(failed.message, failed.crmCode);
      if (failed?.status === 'retryable') throw new CrmTransientError(failed.reason);
    }
  }

  /** One associations batch create (≤ 100 pairs) → one outcome per pair, matched by record ids (results come in any order). */
  private async associateBatch(
    from: string,
    to: string,
    part: readonly AssociationInput[],
    ctx: CallContext,
  ): Promise<LinkResult[]> {
    const inputs = part.map((p) => ({ from: { id: p.fromId }, to: { id: p.toId }, types: p.types }));
    const path = `${associationsPath(from, to)}/batch/create`;
    try {
      const { body } = await this.client.call(
        HsAssociationBatch,
        { method: 'POST', path, body: { inputs } },
        ctx,
      );
      return toLinkResults(body, part);
    } catch (err) {
      return part.map((_p, index) => linkFailure(index, err));
    }
  }

  ensureSchema(spec: SchemaSpec, ctx: CallContext): Promise<ProvisionReport> {
    return ensureHubspotSchema(this.client, spec, ctx);
  }

  private async batch(
    type: string,
    op: 'create' | 'update' | 'upsert',
    inputs: readonly unknown[],
    keys: readonly BatchInputKey[],
    naturalKey: (r: HsBatch['results'][number]) => string | undefined,
    created: (r: HsBatch['results'][number]) => boolean,
    ctx: CallContext,
  ): Promise<WriteResult[]> {
    try {
      const api = await this.apiType(type, ctx);
      const res = await this.client.call(
        HsBatchResponse,
        { method: 'POST', path: `${objectPath(api)}/batch/${op}`, body: { inputs } },
        ctx,
      );
      return toWriteResults(res.body, keys, naturalKey, created);
    } catch (err) {
      if (!(err instanceof CrmRejectedError)) throw err;
      return keys.map((_k, index): WriteResult => ({
        status: 'rejected',
        index,
        id: null,
        crmCode: err.crmCode,
        message: err.message,
        fields: err.fields,
      }));
    }
  }
}
