import type { CallContext, WriteResult } from '../port.js';
import type { SalesforceClient } from './client.js';
import { isRetryableRecordError } from './classify-error.js';
import {
  AnyBody,
  BulkJobInfo,
  CsvRows,
  splitBySize,
  toCsv,
  waitForJob,
  type BulkPolling,
} from './bulk-job.js';
import { soqlIdentifier } from './soql.js';

/**
 * Bulk API 2.0 ingest for large write batches: create job → upload CSV → UploadComplete → poll →
 * successful/failed results, matched back to the inputs by their key column (Id, or the external id).
 * About six API calls whatever the size, instead of one per 200 records.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/walkthrough_upload_data.htm
 */

export interface BulkIngestRequest {
  readonly object: string;
  readonly operation: 'update' | 'upsert';
  /** The key column: `Id` for updates, the external-id field for upserts. */
  readonly keyField: string;
  /** Rows including the key column; results come back in this order. */
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  /** Largest CSV upload per job (default 90 MB, under the 100 MB limit); larger batches use several jobs. */
  readonly maxUploadBytes?: number;
}

type Row = Readonly<Record<string, unknown>>;

/**
 * `sf__Error` of a failed Bulk 2.0 row, `CODE:message:Field1,Field2 --`, e.g.
 * `REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --`
 * (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_failed_results.htm).
 * The message itself may contain colons: the code ends at the first colon, the fields follow the last.
 */
export function parseBulkError(raw: string): { code: string; message: string; fields: string[] } {
  const text = raw.replace(/\s*--\s*$/, '');
  const first = text.indexOf(':');
  if (first < 0) return { code: 'UNKNOWN_ERROR', message: text, fields: [] };
  const code = text.slice(0, first);
  const rest = text.slice(first + 1);
  const last = rest.lastIndexOf(':');
  const tail = last < 0 ? null : rest.slice(last + 1);
  if (tail === null || !/^[A-Za-z0-9_.,]*$/.test(tail)) return { code, message: rest, fields: [] };
  return { code, message: rest.slice(0, last), fields: tail.split(',').filter((f) => f !== '') };
}

export async function bulkIngest(
  client: SalesforceClient,
  req: BulkIngestRequest,
  ctx: CallContext,
  polling: BulkPolling,
): Promise<WriteResult[]> {
  const object = soqlIdentifier(req.object);
  const keyField = soqlIdentifier(req.keyField);
  const header = [...new Set([keyField, ...req.rows.flatMap((r) => Object.keys(r))])].map(soqlIdentifier);
  const results: WriteResult[] = [];
  for (const part of splitBySize(header, req.rows, req.maxUploadBytes ?? 90_000_000)) {
    const offset = results.length;
    const out = await runJob(client, { ...req, object, keyField, rows: part }, header, ctx, polling);
    results.push(...out.map((r) => ({ ...r, index: r.index + offset })));
  }
  return results;
}

/** One ingest job over rows whose CSV fits one upload. */
async function runJob(
  client: SalesforceClient,
  req: BulkIngestRequest,
  header: readonly string[],
  ctx: CallContext,
  polling: BulkPolling,
): Promise<WriteResult[]> {
  const { object, keyField } = req;
  const job = await client.call(
    BulkJobInfo,
    {
      method: 'POST',
      path: '/jobs/ingest',
      body: {
        object,
        operation: req.operation,
        ...(req.operation === 'upsert' ? { externalIdFieldName: keyField } : {}),
        contentType: 'CSV',
        columnDelimiter: 'COMMA',
        lineEnding: 'LF',
      },
    },
    ctx,
  );
  const base = `/jobs/ingest/${encodeURIComponent(job.id)}`;
  await client.call(
    AnyBody,
    { method: 'PUT', path: `${base}/batches`, body: toCsv(header, req.rows), contentType: 'text/csv' },
    ctx,
  );
  await client.call(AnyBody, { method: 'PATCH', path: base, body: { state: 'UploadComplete' } }, ctx);
  const done = await waitForJob(client, base, ctx, polling);
  if (done.state !== 'JobComplete') {
    const reason = `Bulk API job ${job.id} ${done.state}: ${done.errorMessage ?? 'no message'}`;
    return req.rows.map((_r, index): WriteResult => ({ status: 'retryable', index, id: null, reason }));
  }
  const ok = await client.call(CsvRows, { method: 'GET', path: `${base}/successfulResults` }, ctx);
  const failed = await client.call(CsvRows, { method: 'GET', path: `${base}/failedResults` }, ctx);
  const byKey = new Map<string, WriteResult>();
  // The results echo each input row, so its key column matches the input exactly.
  const keyOf = (row: Row): string => {
    const v = row[keyField];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  };
  for (const r of ok)
    byKey.set(keyOf(r), {
      status: 'ok',
      index: -1,
      id: r['sf__Id'] ?? '',
      created: r['sf__Created'] === 'true',
    });
  for (const r of failed) {
    const e = parseBulkError(r['sf__Error'] ?? '');
    const id = r['sf__Id'] === undefined || r['sf__Id'] === '' ? null : r['sf__Id'];
    byKey.set(
      keyOf(r),
      isRetryableRecordError(e.code)
        ? { status: 'retryable', index: -1, id, reason: `${e.code}: ${e.message}` }
        : { status: 'rejected', index: -1, id, crmCode: e.code, message: e.message, fields: e.fields },
    );
  }
  return req.rows.map((row, index): WriteResult => {
    const hit = byKey.get(keyOf(row));
    // Rows in neither result set were never processed (unprocessedrecords): safe to send again.
    return hit === undefined
      ? { status: 'retryable', index, id: null, reason: `not processed by Bulk API job ${job.id}` }
      : { ...hit, index };
  });
}
