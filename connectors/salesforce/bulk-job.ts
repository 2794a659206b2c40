import { z } from 'zod';
import { CrmTransientError } from '../../src/core/errors/index.js';
import type { CallContext } from '../port.js';
import { abortableSleep } from '../rate-budget.js';
import type { SalesforceClient } from './client.js';

/**
 * Bulk API 2.0 plumbing shared by ingest and query: job info, polling to a final state, CSV cells.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_api_2_0.htm
 */

// https://developer.salesforce.com/docs/platform/api-asynch/guide/bulk-api-2-job-states.md
export const BulkJobInfo = z.looseObject({
  id: z.string(),
  state: z.enum(['Open', 'UploadComplete', 'InProgress', 'JobComplete', 'Failed', 'Aborted']),
  errorMessage: z.string().optional(),
  numberRecordsProcessed: z.number().optional(),
});
export type BulkJobInfo = z.infer<typeof BulkJobInfo>;

/** jsforce parses `text/csv` bodies into one object per row, keyed by the header. */
export const CsvRows = z.array(z.record(z.string(), z.string()));
export const AnyBody = z.unknown();

export interface BulkPolling {
  /** First wait between status checks; doubles up to `maxPollMs`. Each check is one API call. */
  readonly pollMs: number;
  readonly maxPollMs: number;
  /** Give up (transient: the job may still finish; retrying re-sends idempotent rows) after this. */
  readonly maxWaitMs: number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_BULK_POLLING: BulkPolling = { pollMs: 250, maxPollMs: 5_000, maxWaitMs: 10 * 60_000 };

export async function waitForJob(
  client: SalesforceClient,
  path: string,
  ctx: CallContext,
  polling: BulkPolling,
): Promise<BulkJobInfo> {
  const sleep = polling.sleep ?? abortableSleep;
  const started = Date.now();
  let wait = polling.pollMs;
  for (;;) {
    const info = await client.call(BulkJobInfo, { method: 'GET', path }, ctx);
    if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') return info;
    if (Date.now() - started > polling.maxWaitMs)
      throw new CrmTransientError(
        `Salesforce Bulk API job ${info.id} still ${info.state} after ${polling.maxWaitMs} ms`,
      );
    await sleep(wait, ctx.signal);
    wait = Math.min(polling.maxPollMs, wait * 2);
  }
}

/** One CSV cell: always quoted; null → #N/A (sets the field to null; an empty cell leaves it unchanged). */
export function csvCell(v: unknown): string {
  if (v === null) return '#N/A';
  if (v === undefined) return '';
  const s =
    typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);
  return `"${s.replace(/"/g, '""')}"`;
}

export function csvLine(header: readonly string[], row: Readonly<Record<string, unknown>>): string {
  return header.map((h) => csvCell(row[h])).join(',');
}

export function toCsv(header: readonly string[], rows: readonly Readonly<Record<string, unknown>>[]): string {
  return `${[header.map(csvCell).join(','), ...rows.map((r) => csvLine(header, r))].join('\n')}\n`;
}

/** Splits rows so each upload's CSV stays under `maxBytes` (Bulk API 2.0 takes ≤ 100 MB per upload). */
export function splitBySize<T extends Readonly<Record<string, unknown>>>(
  header: readonly string[],
  rows: readonly T[],
  maxBytes: number,
): T[][] {
  const parts: T[][] = [];
  let current: T[] = [];
  let size = Buffer.byteLength(header.map(csvCell).join(',')) + 1;
  const headerSize = size;
  for (const row of rows) {
    const bytes = Buffer.byteLength(csvLine(header, row)) + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      parts.push(current);
      current = [];
      size = headerSize;
    }
    current.push(row);
    size += bytes;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
