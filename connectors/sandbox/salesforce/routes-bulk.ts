import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { parseBody, rawBody } from '../http-app.js';
import { ingestJobInfo, newJobId, processIngest, type IngestJob, type JobState } from './bulk-jobs.js';
import { actorOf, badRequest, param, versionOf, type SfContext } from './context.js';
import { DELIMITERS, toCsv, type ColumnDelimiter } from './csv.js';
import { sfError } from './errors.js';
import { sfDateTime } from './org.js';
import { sobjectTable } from './routes-query.js';
import { runSoql } from './soql-eval.js';

// https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_api_2_0.htm
const Delimiter = z.enum(Object.keys(DELIMITERS) as [ColumnDelimiter, ...ColumnDelimiter[]]);
const CreateIngest = z.object({
  object: z.string(),
  operation: z.enum(['insert', 'update', 'upsert', 'delete', 'hardDelete']),
  externalIdFieldName: z.string().optional(),
  contentType: z.literal('CSV').optional(),
  columnDelimiter: Delimiter.optional(),
  lineEnding: z.enum(['LF', 'CRLF']).optional(),
});
const SetState = z.object({ state: z.enum(['UploadComplete', 'Aborted']) });
const CreateQuery = z.object({
  operation: z.enum(['query', 'queryAll']),
  query: z.string(),
  contentType: z.literal('CSV').optional(),
  columnDelimiter: Delimiter.optional(),
  lineEnding: z.enum(['LF', 'CRLF']).optional(),
});

interface QueryJob {
  readonly id: string;
  readonly operation: 'query' | 'queryAll';
  readonly object: string;
  readonly createdById: string;
  readonly createdDate: number;
  state: JobState;
  readonly header: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: 'LF' | 'CRLF';
}

const invalidJob = (): Error => sfError(404, 'NOT_FOUND', 'The requested resource does not exist');

export function registerBulkRoutes(app: Express, ctx: SfContext): void {
  const { org } = ctx;
  const ingest = new Map<string, IngestJob>();
  const queries = new Map<string, QueryJob>();
  const jobOf = (req: Request): IngestJob =>
    ingest.get(param(req, 'id')) ??
    (() => {
      throw invalidJob();
    })();
  const base = '/services/data/:version/jobs/ingest';

  app.post(base, (req, res) => {
    const v = versionOf(req);
    const b = parseBody(req, CreateIngest, (m) => sfError(400, 'InvalidJob', m));
    const object = org.apiObject(b.object, actorOf(req, res).userId);
    if (!object) throw sfError(400, 'InvalidJob', `Unable to find object: ${b.object}`);
    if (b.operation === 'upsert' && !b.externalIdFieldName)
      throw sfError(400, 'InvalidJob', 'External ID was blank for the upsert operation');
    const now = org.now();
    const job: IngestJob = {
      id: newJobId('750'),
      object,
      operation: b.operation,
      externalIdFieldName: b.externalIdFieldName,
      columnDelimiter: b.columnDelimiter ?? 'COMMA',
      lineEnding: b.lineEnding ?? 'LF',
      createdById: actorOf(req, res).userId,
      createdDate: now,
      systemModstamp: now,
      state: 'Open',
      errorMessage: null,
      uploads: [],
      header: [],
      success: [],
      failed: [],
      unprocessed: [],
    };
    ingest.set(job.id, job);
    res.status(200).json(ingestJobInfo(job, v));
  });
  app.get(base, (req, res) => {
    const v = versionOf(req);
    res.json({
      done: true,
      records: [...ingest.values()].map((j) => ingestJobInfo(j, v)),
      nextRecordsUrl: null,
    });
  });
  app.put(`${base}/:id/batches`, (req, res) => {
    versionOf(req);
    const job = jobOf(req);
    if (job.state !== 'Open') throw sfError(409, 'INVALIDJOBSTATE', `Job is not in the Open state`);
    job.uploads.push(rawBody(req));
    res.status(201).end();
  });
  app.patch(`${base}/:id`, (req, res) => {
    const v = versionOf(req);
    const job = jobOf(req);
    const b = parseBody(req, SetState, badRequest);
    if (job.state !== 'Open') throw sfError(409, 'INVALIDJOBSTATE', `Job is not in the Open state`);
    job.state = b.state;
    job.systemModstamp = org.now();
    const info = ingestJobInfo(job, v);
    if (b.state === 'UploadComplete') processIngest(org, job, actorOf(req, res));
    res.json(info);
  });
  app.get(`${base}/:id`, (req, res) => res.json(ingestJobInfo(jobOf(req), versionOf(req))));
  app.delete(`${base}/:id`, (req, res) => {
    versionOf(req);
    if (!ingest.delete(jobOf(req).id)) throw invalidJob();
    res.status(204).end();
  });
  const sendCsv = (res: Response, text: string): void => {
    res.type('text/csv').send(text);
  };
  app.get(`${base}/:id/successfulResults`, (req, res) => {
    const j = jobOf(req);
    sendCsv(
      res,
      toCsv(
        ['sf__Id', 'sf__Created', ...j.header],
        j.success.map((s) => [s.id, String(s.created), ...s.row]),
        j.columnDelimiter,
        j.lineEnding,
      ),
    );
  });
  app.get(`${base}/:id/failedResults`, (req, res) => {
    const j = jobOf(req);
    sendCsv(
      res,
      toCsv(
        ['sf__Id', 'sf__Error', ...j.header],
        j.failed.map((f) => [f.id, f.error, ...f.row]),
        j.columnDelimiter,
        j.lineEnding,
      ),
    );
  });
  app.get(`${base}/:id/unprocessedrecords`, (req, res) => {
    const j = jobOf(req);
    sendCsv(res, toCsv(j.header, j.unprocessed, j.columnDelimiter, j.lineEnding));
  });

  const qbase = '/services/data/:version/jobs/query';
  const qjobOf = (req: Request): QueryJob =>
    queries.get(param(req, 'id')) ??
    (() => {
      throw invalidJob();
    })();
  const qinfo = (j: QueryJob, v: string): Record<string, unknown> => ({
    id: j.id,
    operation: j.operation,
    object: j.object,
    createdById: j.createdById,
    createdDate: sfDateTime(j.createdDate),
    systemModstamp: sfDateTime(j.createdDate),
    state: j.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(v.slice(1)),
    jobType: 'V2Query',
    lineEnding: j.lineEnding,
    columnDelimiter: j.columnDelimiter,
    numberRecordsProcessed: j.state === 'JobComplete' ? j.rows.length : 0,
    retries: 0,
    totalProcessingTime: 0,
  });
  app.post(qbase, (req, res) => {
    const v = versionOf(req);
    const b = parseBody(req, CreateQuery, (m) => sfError(400, 'INVALIDJOB', m));
    const result = runSoql(
      b.query,
      (n) => sobjectTable(ctx, n, actorOf(req, res).userId),
      b.operation === 'queryAll',
    );
    const job: QueryJob = {
      id: newJobId('750'),
      operation: b.operation,
      object: result.table.name,
      createdById: actorOf(req, res).userId,
      createdDate: org.now(),
      state: 'UploadComplete',
      header: result.fields.map((f) => f.name),
      rows: result.rows.map((r) => result.fields.map((f) => r.value(f))),
      columnDelimiter: b.columnDelimiter ?? 'COMMA',
      lineEnding: b.lineEnding ?? 'LF',
    };
    queries.set(job.id, job);
    res.json(qinfo(job, v));
    job.state = 'JobComplete';
  });
  app.get(`${qbase}/:id`, (req, res) => res.json(qinfo(qjobOf(req), versionOf(req))));
  app.patch(`${qbase}/:id`, (req, res) => {
    const j = qjobOf(req);
    j.state = 'Aborted';
    res.json(qinfo(j, versionOf(req)));
  });
  app.delete(`${qbase}/:id`, (req, res) => {
    if (!queries.delete(qjobOf(req).id)) throw invalidJob();
    res.status(204).end();
  });
  app.get(`${qbase}/:id/results`, (req, res) => {
    const j = qjobOf(req);
    if (j.state !== 'JobComplete') throw sfError(400, 'INVALIDJOBSTATE', 'Job is not in JobComplete state');
    const offset =
      typeof req.query['locator'] === 'string'
        ? Number(Buffer.from(req.query['locator'], 'base64url').toString('utf8'))
        : 0;
    const max = Math.max(1, Number(req.query['maxRecords'] ?? 50_000) || 50_000);
    if (!Number.isInteger(offset) || offset < 0) throw sfError(400, 'INVALIDLOCATOR', 'Invalid locator');
    const end = Math.min(j.rows.length, offset + max);
    res.set('Sforce-Locator', end < j.rows.length ? Buffer.from(String(end)).toString('base64url') : 'null');
    res.set('Sforce-NumberOfRecords', String(end - offset));
    sendCsv(res, toCsv(j.header, j.rows.slice(offset, end), j.columnDelimiter, j.lineEnding));
  });
}
