import { CrmTransientError } from '../../src/core/errors/index.js';
import type { CallContext, ChangeCursor, ChangePage, ProviderMerge, ProviderRecord } from '../port.js';
import type { BulkPolling } from './bulk-job.js';
import { bulkQuery } from './bulk-query.js';
import type { SalesforceClient } from './client.js';
import { classifySalesforceError } from './classify-error.js';
import { CompositeResult, QueryResult } from './schemas.js';
import type { SfRecord } from './schemas.js';
import { soqlDateTime, soqlIdentifier } from './soql.js';

export interface SalesforceListOptions {
  readonly now: () => number;
  /** Re-read this much before the cursor: SystemModstamp can commit slightly out of order. */
  readonly lookbackMs: number;
  /** Fields to select (must include Id and SystemModstamp). */
  readonly fields: readonly string[];
  /** Backfills (no cursor) of more than `threshold` records go through a Bulk API 2.0 query. */
  readonly bulk?: {
    readonly threshold: number;
    readonly polling: BulkPolling & { readonly pageSize: number };
    /** Field name → describe type, to type the CSV values. */
    readonly types: () => Promise<ReadonlyMap<string, string>>;
  };
}

/**
 * Salesforce recommends REST URIs of at most 2,000 characters and caps URI plus headers at 16,384
 * bytes (414/431 past it); a longer SOQL statement goes in a Composite request body instead
 * (https://help.salesforce.com/s/articleView?id=000386264&type=1). The margin leaves room for the
 * instance host and `/services/data/vNN.0`.
 */
export const SAFE_QUERY_PATH = 1_900;

/** The first page of a query: a GET while its URI is short, else a Composite subrequest in a POST body. */
export async function firstQueryPage(
  client: SalesforceClient,
  resource: 'query' | 'queryAll',
  soql: string,
  ctx: CallContext,
): Promise<QueryResult> {
  const path = `/${resource}?q=${encodeURIComponent(soql)}`;
  if (path.length <= SAFE_QUERY_PATH) return client.call(QueryResult, { method: 'GET', path }, ctx);
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite.htm
  const res = await client.call(
    CompositeResult,
    {
      method: 'POST',
      path: '/composite',
      body: {
        allOrNone: false,
        compositeRequest: [
          { method: 'GET', url: `/services/data/v${client.apiVersion}${path}`, referenceId: 'page' },
        ],
      },
    },
    ctx,
  );
  const sub = res.compositeResponse[0];
  if (sub === undefined) throw new CrmTransientError('Salesforce composite answered no subrequest result');
  if (sub.httpStatusCode >= 300) {
    const failure = {
      kind: 'response',
      status: sub.httpStatusCode,
      headers: {},
      body: JSON.stringify(sub.body),
    } as const;
    throw classifySalesforceError(failure, { now: Date.now() }).error;
  }
  const page = QueryResult.safeParse(sub.body);
  if (!page.success)
    throw new CrmTransientError(`Salesforce composite query: unexpected shape: ${page.error.message}`);
  return page.data;
}

function mergesOf(type: string, rows: readonly SfRecord[]): ProviderMerge[] {
  return rows
    .filter((r) => r.IsDeleted === true && typeof r.MasterRecordId === 'string' && r.MasterRecordId !== '')
    .map((r) => ({
      objectType: type,
      survivorId: r.MasterRecordId ?? '',
      mergedIds: [r.Id],
      mergedAt: toProviderRecord(type, r).modifiedAt,
    }));
}

export function toProviderRecord(type: string, r: SfRecord): ProviderRecord {
  const fields: Record<string, unknown> = { ...r };
  delete fields.attributes;
  const stamp = r.SystemModstamp === undefined ? 0 : Date.parse(r.SystemModstamp);
  return {
    objectType: type,
    id: r.Id,
    fields,
    modifiedAt: new Date(Number.isNaN(stamp) ? 0 : stamp).toISOString(),
    deleted: r.IsDeleted === true,
  };
}

/**
 * Incremental listing with `queryAll` (includes deleted rows, IsDeleted = true) over the window
 * [since − lookback, end), ordered by SystemModstamp, Id, following nextRecordsUrl. A deleted Lead,
 * Contact or Account with MasterRecordId set was merged into that record.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_queryall.htm
 */
export async function* listSalesforceChanges(
  client: SalesforceClient,
  type: string,
  cursor: ChangeCursor | null,
  ctx: CallContext,
  opts: SalesforceListOptions,
): AsyncGenerator<ChangePage> {
  const since = cursor?.since ?? new Date(0).toISOString();
  // Whole seconds, one second behind now: the window end is exact in SOQL and already committed.
  const end = new Date(Math.floor(opts.now() / 1000) * 1000 - 1000).toISOString();
  const start = new Date(Math.max(0, Date.parse(since) - opts.lookbackMs)).toISOString();
  const fields = [...new Set(['Id', 'SystemModstamp', 'IsDeleted', ...opts.fields])].map(soqlIdentifier);
  const where =
    `FROM ${soqlIdentifier(type)} ` +
    `WHERE SystemModstamp >= ${soqlDateTime(start)} AND SystemModstamp < ${soqlDateTime(end)}`;
  const soql = `SELECT ${fields.join(', ')} ${where} ORDER BY SystemModstamp ASC, Id ASC`;
  const done: ChangeCursor = {
    provider: 'salesforce',
    objectType: type,
    since: end,
    afterId: null,
    deletedSince: end,
  };
  if (cursor === null && opts.bulk !== undefined) {
    // https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_count.htm
    const counted = await client.call(
      QueryResult,
      { method: 'GET', path: `/queryAll?q=${encodeURIComponent(`SELECT COUNT() ${where}`)}` },
      ctx,
    );
    if (counted.totalSize > opts.bulk.threshold) {
      // Bulk results are unordered: until the last page, a resumed backfill starts over (consumers are idempotent).
      const restart: ChangeCursor = { ...done, since: start, deletedSince: start };
      const types = await opts.bulk.types();
      const pages = bulkQuery(client, `SELECT ${fields.join(', ')} ${where}`, types, ctx, opts.bulk.polling);
      let page = await pages.next();
      while (page.done !== true) {
        const next = await pages.next();
        const rows = page.value;
        yield {
          records: rows.map((r) => toProviderRecord(type, r)),
          merges: mergesOf(type, rows),
          cursor: next.done === true ? done : restart,
        };
        page = next;
      }
      return;
    }
  }
  let path: string | undefined = '';
  while (path !== undefined) {
    const page: QueryResult =
      path === ''
        ? await firstQueryPage(client, 'queryAll', soql, ctx)
        : await client.call(QueryResult, { method: 'GET', path }, ctx);
    const records = page.records.map((r) => toProviderRecord(type, r));
    const merges = mergesOf(type, page.records);
    path = page.done ? undefined : page.nextRecordsUrl;
    const last = records.at(-1);
    const next: ChangeCursor =
      path === undefined || last === undefined
        ? done
        : {
            provider: 'salesforce',
            objectType: type,
            since: last.modifiedAt,
            afterId: last.id,
            deletedSince: last.modifiedAt,
          };
    yield { records, merges, cursor: next };
  }
}
