import { CrmRejectedError } from '../../src/core/errors/index.js';
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
  RecordLink,
  RecordWrite,
  SchemaSpec,
  WriteResult,
} from '../port.js';
import { chunk } from '../with-deadline.js';
import { defaultAssociationTypeId, readAssociations } from './associations.js';
import { toProperties, toWriteResults } from './batch-results.js';
import { listHubspotChanges, toProviderRecord } from './change-listing.js';
import type { HubspotClient } from './client.js';
import { ensureHubspotSchema } from './provision.js';
import { HsAnything, HsBatchResponse, HsProperties } from './schemas.js';
import type { HsBatchResponse as HsBatch } from './schemas.js';

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

const objectPath = (type: string): string => `/crm/v3/objects/${encodeURIComponent(type)}`;

export class HubspotConnector implements CrmConnector {
  readonly provider = 'hubspot';
  private readonly describeCache = new Map<string, Promise<FieldDescription[]>>();
  private readonly linkTypes = new Map<string, Promise<number>>();
  private readonly now: () => number;

  constructor(
    private readonly client: HubspotClient,
    private readonly opts: HubspotConnectorOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
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
    const loading = this.client
      .call(HsProperties, { method: 'GET', path: `/crm/v3/properties/${encodeURIComponent(type)}` }, ctx)
      .then(({ body }) => body.results.map((p) => ({ name: p.name, type: p.type })));
    this.describeCache.set(type, loading);
    loading.catch(() => this.describeCache.delete(type));
    return loading;
  }

  private async propertiesOf(type: string, ctx: CallContext): Promise<readonly string[]> {
    return this.opts.properties?.[type] ?? (await this.describe(type, ctx)).map((f) => f.name);
  }

  async readBatch(type: string, ids: readonly string[], ctx: CallContext): Promise<ProviderRecord[]> {
    const properties = await this.propertiesOf(type, ctx);
    const out: ProviderRecord[] = [];
    for (const part of chunk(ids, HUBSPOT_BATCH)) {
      // https://developers.hubspot.com/docs/api/crm/contacts — POST /batch/read, 100 per request
      const { body } = await this.client.call(
        HsBatchResponse,
        {
          method: 'POST',
          path: `${objectPath(type)}/batch/read`,
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
    const byType = await Promise.all(
      toTypes.map(async (to) => [to, await readAssociations(this.client, type, to, live, ctx)] as const),
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

  async linkRecords(
    fromType: string,
    toType: string,
    links: readonly RecordLink[],
    ctx: CallContext,
  ): Promise<void> {
    if (links.length === 0) return;
    const key = `${fromType}|${toType}`;
    let typeId = this.linkTypes.get(key);
    if (typeId === undefined) {
      typeId = defaultAssociationTypeId(this.client, fromType, toType, ctx);
      this.linkTypes.set(key, typeId);
      typeId.catch(() => this.linkTypes.delete(key));
    }
    const associationTypeId = await typeId;
    await this.associate(
      fromType,
      toType,
      links.map((l) => ({
        fromId: l.fromId,
        toId: l.toId,
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }],
      })),
      ctx,
    );
  }

  async *listChanges(type: string, cursor: ChangeCursor | null, ctx: CallContext): AsyncIterable<ChangePage> {
    const properties = await this.propertiesOf(type, ctx);
    for await (const page of listHubspotChanges(this.client, type, cursor, ctx, {
      now: this.now,
      lookbackMs: this.opts.lookbackMs ?? 60_000,
      properties,
    }))
      yield { ...page, records: await this.withAssociations(type, page.records, ctx) };
  }

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
      const keys = part.map(({ index }) => String(index));
      const res = await this.batch(
        type,
        'create',
        { inputs },
        keys,
        (r) => r.objectWriteTraceId,
        () => true,
        ctx,
      );
      res.forEach((r, i) => results.push({ ...r, index: part[i]?.index ?? r.index }));
    }
    for (const part of chunk(
      indexed.filter((x) => x.w.id !== undefined),
      HUBSPOT_BATCH,
    )) {
      const inputs = part.map(({ w }) => ({ id: w.id ?? '', properties: toProperties(w.fields) }));
      const res = await this.batch(
        type,
        'update',
        { inputs },
        inputs.map((x) => x.id),
        (r) => r.id,
        () => false,
        ctx,
      );
      res.forEach((r, i) => results.push({ ...r, index: part[i]?.index ?? r.index }));
    }
    return results.sort((a, b) => a.index - b.index);
  }

  async upsertByExternalKey(
    type: string,
    keyField: string,
    rows: readonly ExternalKeyRow[],
    ctx: CallContext,
  ): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    for (const [n, part] of chunk(rows, HUBSPOT_BATCH).entries()) {
      const inputs = part.map((r) => ({
        id: r.key,
        idProperty: keyField,
        properties: toProperties(r.fields),
      }));
      const res = await this.batch(
        type,
        'upsert',
        { inputs },
        part.map((r) => r.key),
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
    for (const [n, part] of chunk(ids, HUBSPOT_BATCH).entries()) {
      // POST /batch/archive answers 204 with no per-record detail.
      await this.client.call(
        HsAnything,
        {
          method: 'POST',
          path: `${objectPath(type)}/batch/archive`,
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

  /** Labelled associations, v4 batch create. https://developers.hubspot.com/docs/api/crm/associations */
  async associate(
    fromType: string,
    toType: string,
    pairs: readonly AssociationInput[],
    ctx: CallContext,
  ): Promise<void> {
    for (const part of chunk(pairs, HUBSPOT_BATCH)) {
      const inputs = part.map((p) => ({ from: { id: p.fromId }, to: { id: p.toId }, types: p.types }));
      const path = `/crm/v4/associations/${encodeURIComponent(fromType)}/${encodeURIComponent(toType)}/batch/create`;
      await this.client.call(HsAnything, { method: 'POST', path, body: { inputs } }, ctx);
    }
  }

  ensureSchema(spec: SchemaSpec, ctx: CallContext): Promise<ProvisionReport> {
    return ensureHubspotSchema(this.client, spec, ctx);
  }

  private async batch(
    type: string,
    op: 'create' | 'update' | 'upsert',
    body: unknown,
    keys: readonly string[],
    resultKey: (r: HsBatch['results'][number]) => string | undefined,
    created: (r: HsBatch['results'][number]) => boolean,
    ctx: CallContext,
  ): Promise<WriteResult[]> {
    try {
      const res = await this.client.call(
        HsBatchResponse,
        { method: 'POST', path: `${objectPath(type)}/batch/${op}`, body },
        ctx,
      );
      return toWriteResults(res.body, keys, resultKey, 0, created);
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
