import { randomBytes } from 'node:crypto';
import type { Actor } from '../store.js';
import { parseCsv, type ColumnDelimiter } from './csv.js';
import { deleteRecord, insertRecord, updateRecord, upsertRecord, type SaveResult } from './dml.js';
import { sfDateTime, type SfOrg } from './org.js';
import type { SfObject } from './schema.js';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export interface IngestJob {
  readonly id: string;
  readonly object: SfObject;
  readonly operation: IngestOperation;
  readonly externalIdFieldName: string | undefined;
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: 'LF' | 'CRLF';
  readonly createdById: string;
  readonly createdDate: number;
  systemModstamp: number;
  state: JobState;
  errorMessage: string | null;
  readonly uploads: string[];
  header: string[];
  success: { id: string; created: boolean; row: string[] }[];
  failed: { id: string; error: string; row: string[] }[];
  unprocessed: string[][];
}

export function newJobId(prefix: string): string {
  return `${prefix}5g${randomBytes(8).toString('hex').slice(0, 11).toUpperCase()}`;
}

function describeError(r: SaveResult): string {
  return r.errors.map((e) => `${e.statusCode}:${e.message}:${e.fields.join(',')} --`).join(' ');
}

/** Processes the uploaded CSV rows record by record (Bulk 2.0 never rolls back other rows). */
export function processIngest(org: SfOrg, job: IngestJob, actor: Actor): void {
  let rows: string[][] = [];
  try {
    for (const text of job.uploads) {
      const [header, ...data] = parseCsv(text, job.columnDelimiter);
      if (!header) continue;
      if (job.header.length === 0) job.header = header;
      rows = rows.concat(data);
    }
  } catch (err) {
    job.state = 'Failed';
    job.errorMessage = `InvalidBatch : ${err instanceof Error ? err.message : 'bad CSV'}`;
    return;
  }
  job.state = 'InProgress';
  const idIdx = job.header.findIndex((h) => h.toLowerCase() === 'id');
  for (const row of rows) {
    // An empty cell leaves the field unchanged; #N/A sets it to null.
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/datafiles_csv_valid_record_rows.htm
    const input: Record<string, string | null> = {};
    job.header.forEach((h, i) => {
      const v = row[i] ?? '';
      if (v !== '' && h.toLowerCase() !== 'id') input[h] = v === '#N/A' ? null : v;
    });
    const rowId = idIdx >= 0 ? (row[idIdx] ?? '') : '';
    let r: SaveResult;
    switch (job.operation) {
      case 'insert':
        r = insertRecord(org, job.object, input, actor);
        break;
      case 'update':
        r = updateRecord(org, job.object, rowId, input, actor);
        break;
      case 'upsert': {
        const ext = job.externalIdFieldName ?? 'Id';
        const key = Object.keys(input).find((k) => k.toLowerCase() === ext.toLowerCase());
        const value = ext.toLowerCase() === 'id' ? rowId : key ? input[key] : undefined;
        r = value
          ? upsertRecord(org, job.object, ext, value, input, actor)
          : {
              success: false,
              errors: [{ statusCode: 'MISSING_ARGUMENT', message: `${ext} not specified`, fields: [] }],
            };
        break;
      }
      case 'delete':
      case 'hardDelete':
        r = deleteRecord(org, rowId, actor);
        if (r.success && r.id && job.operation === 'hardDelete')
          org.store.purge(job.object.name, r.id, actor);
        break;
    }
    if (r.success)
      job.success.push({ id: r.id ?? '', created: r.created ?? job.operation === 'insert', row });
    else job.failed.push({ id: rowId, error: describeError(r), row });
  }
  job.state = 'JobComplete';
  job.systemModstamp = org.now();
}

export function ingestJobInfo(job: IngestJob, version: string): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object.name,
    createdById: job.createdById,
    createdDate: sfDateTime(job.createdDate),
    systemModstamp: sfDateTime(job.systemModstamp),
    state: job.state,
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(version.slice(1)),
    jobType: 'V2Ingest',
    contentUrl: `services/data/${version}/jobs/ingest/${job.id}/batches`,
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    numberRecordsProcessed: job.success.length + job.failed.length,
    numberRecordsFailed: job.failed.length,
    retries: 0,
    totalProcessingTime: 0,
    apiActiveProcessingTime: 0,
    apexProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}
