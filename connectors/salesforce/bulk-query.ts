import { CrmRejectedError, CrmTransientError } from '../../src/core/errors/index.js';
import type { CallContext } from '../port.js';
import type { SalesforceClient } from './client.js';
import { BulkJobInfo, CsvRows, waitForJob, type BulkPolling } from './bulk-job.js';
import type { SfRecord } from './schemas.js';

/**
 * Bulk API 2.0 query (queryAll: deleted rows included) for backfills: one job, results paged by
 * `Sforce-Locator`, up to `pageSize` rows per call. CSV values are strings; `types` (from describe)
 * turns booleans and numbers back into what the REST API returns, and empty cells into null.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/queries.htm
 */

const NUMERIC = new Set(['int', 'double', 'currency', 'percent', 'long']);

function typed(row: Readonly<Record<string, string>>, types: ReadonlyMap<string, string>): SfRecord {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const t = types.get(k);
    out[k] =
      v === '' ? null : t === 'boolean' ? v === 'true' : t !== undefined && NUMERIC.has(t) ? Number(v) : v;
  }
  return { ...out, Id: row['Id'] ?? '', IsDeleted: row['IsDeleted'] === 'true' };
}

export async function* bulkQuery(
  client: SalesforceClient,
  soql: string,
  types: ReadonlyMap<string, string>,
  ctx: CallContext,
  polling: BulkPolling & { readonly pageSize: number },
): AsyncGenerator<SfRecord[]> {
  const job = await client.call(
    BulkJobInfo,
    {
      method: 'POST',
      path: '/jobs/query',
      body: {
        operation: 'queryAll',
        query: soql,
        contentType: 'CSV',
        columnDelimiter: 'COMMA',
        lineEnding: 'LF',
      },
    },
    ctx,
  );
  const base = `/jobs/query/${encodeURIComponent(job.id)}`;
  const done = await waitForJob(client, base, ctx, polling);
  if (done.state !== 'JobComplete') {
    const message = `Salesforce Bulk API query ${job.id} ${done.state}: ${done.errorMessage ?? 'no message'}`;
    throw new CrmRejectedError(message, 'BULK_QUERY_FAILED', []);
  }
  let locator: string | null = null;
  do {
    const qs = new URLSearchParams({ maxRecords: String(polling.pageSize) });
    if (locator !== null) qs.set('locator', locator);
    const res = await client.send({ method: 'GET', path: `${base}/results?${qs.toString()}` }, ctx);
    const rows = CsvRows.safeParse(res.body ?? []);
    if (!rows.success) throw new CrmTransientError(`Salesforce Bulk API query ${job.id}: unreadable results`);
    const next = res.headers['sforce-locator'];
    locator = next === undefined || next === 'null' || next === '' ? null : next;
    yield rows.data.map((r) => typed(r, types));
  } while (locator !== null);
}
