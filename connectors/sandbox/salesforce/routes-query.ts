import { randomBytes } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { parseBody } from '../http-app.js';
import { SandboxHttpError } from '../http-error.js';
import { sfError } from './errors.js';
import { badRequest, param, userOf, versionOf, type SfContext } from './context.js';
import { runSoql, type QueryTable } from './soql-eval.js';

/** Materialised result sets behind `nextRecordsUrl` locators (`01g…-2000`). */
interface Cursor {
  readonly records: readonly Record<string, unknown>[];
  readonly batchSize: number;
  readonly scanAll: boolean;
}

const MAX_CURSORS = 200;

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();

  open(cursor: Cursor): string {
    const id = `01g5g${randomBytes(8).toString('hex').slice(0, 13)}`;
    this.cursors.set(id, cursor);
    const oldest = this.cursors.keys().next().value;
    if (this.cursors.size > MAX_CURSORS && oldest !== undefined) this.cursors.delete(oldest);
    return id;
  }

  get(id: string): Cursor | undefined {
    return this.cursors.get(id);
  }
}

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_queryoptions.htm
export function batchSizeOf(req: Request): number {
  const m = /batchSize=(\d+)/i.exec(req.get('sforce-query-options') ?? '');
  return m ? Math.min(2000, Math.max(200, Number(m[1]))) : 2000;
}

function page(
  version: string,
  resource: string,
  id: string,
  cursor: Cursor,
  offset: number,
): Record<string, unknown> {
  const end = Math.min(cursor.records.length, offset + cursor.batchSize);
  const done = end >= cursor.records.length;
  return {
    totalSize: cursor.records.length,
    done,
    ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/${resource}/${id}-${end}` }),
    records: cursor.records.slice(offset, end),
  };
}

/** Runs a query (REST or Tooling) and returns the first page's body. */
export function queryPage(
  version: string,
  q: unknown,
  batchSize: number,
  cursors: QueryCursors,
  resolve: (name: string) => QueryTable | undefined,
  opts: { scanAll: boolean; resource: string; urlBase: string },
): Record<string, unknown> {
  if (typeof q !== 'string' || q.trim() === '')
    throw sfError(400, 'MALFORMED_QUERY', 'A query string must be provided.');
  const result = runSoql(q, resolve, opts.scanAll);
  if (result.count) return { totalSize: result.rows.length, done: true, records: [] };
  const records = result.rows.map((row) => {
    const out: Record<string, unknown> = {
      attributes: {
        type: result.table.name,
        url: `/services/data/${version}/${opts.urlBase}/${result.table.name}/${row.id}`,
      },
    };
    for (const f of result.fields) out[f.name] = row.value(f);
    return out;
  });
  const cursor: Cursor = { records, batchSize, scanAll: opts.scanAll };
  const id = records.length > cursor.batchSize ? cursors.open(cursor) : '';
  return page(version, opts.resource, id, cursor, 0);
}

/** Runs a query (REST or Tooling) and answers the first page. */
export function answerQuery(
  req: Request,
  res: Response,
  cursors: QueryCursors,
  resolve: (name: string) => QueryTable | undefined,
  opts: { scanAll: boolean; resource: string; urlBase: string },
): void {
  res.json(queryPage(versionOf(req), req.query['q'], batchSizeOf(req), cursors, resolve, opts));
}

/** The next page behind a `nextRecordsUrl` locator (`01g…-2000`). */
export function morePage(
  version: string,
  locator: string,
  cursors: QueryCursors,
  resource: string,
): Record<string, unknown> {
  const m = /^(01g\w+)-(\d+)$/.exec(locator);
  const cursor = m?.[1] ? cursors.get(m[1]) : undefined;
  if (!m?.[1] || !cursor) throw sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  return page(version, resource, m[1], cursor, Number(m[2]));
}

export function answerMore(req: Request, res: Response, cursors: QueryCursors, resource: string): void {
  res.json(morePage(versionOf(req), param(req, 'locator'), cursors, resource));
}

/** The object as a SOQL table, as `userId` sees it (permission sets applied). */
export function sobjectTable(ctx: SfContext, name: string, userId: string): QueryTable | undefined {
  const obj = ctx.org.apiObject(name, userId);
  if (!obj) return undefined;
  return {
    name: obj.name,
    fields: obj.fields,
    rows: (includeDeleted) =>
      ctx.org.store
        .list(obj.name, includeDeleted)
        .map((rec) => ({ id: rec.id, value: (f) => ctx.org.value(obj, rec, f) })),
  };
}

const CompositeBody = z.object({
  allOrNone: z.boolean().optional(),
  compositeRequest: z
    .array(z.object({ method: z.string(), url: z.string(), referenceId: z.string() }))
    .min(1)
    .max(25),
});

/** A Composite subrequest; the sandbox models the query ones (GET query / queryAll, first page or locator). */
function subrequestQuery(
  sub: { method: string; url: string },
  cursors: QueryCursors,
  resolve: (name: string) => QueryTable | undefined,
): Record<string, unknown> {
  const url = new URL(sub.url, 'http://subrequest');
  const m = /^\/services\/data\/(v\d{2}\.0)\/(query|queryAll)(?:\/([^/]+))?$/.exec(url.pathname);
  if (sub.method !== 'GET' || m?.[1] === undefined || m[2] === undefined)
    throw sfError(
      400,
      'INVALID_INPUT',
      `the sandbox models only GET query subrequests, not ${sub.method} ${sub.url}`,
    );
  const resource = m[2];
  const opts = { scanAll: resource === 'queryAll', resource, urlBase: 'sobjects' };
  if (m[3] !== undefined) return morePage(m[1], m[3], cursors, resource);
  return queryPage(m[1], url.searchParams.get('q'), 2000, cursors, resolve, opts);
}

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
export function registerQueryRoutes(app: Express, ctx: SfContext, cursors: QueryCursors): void {
  const resolver =
    (res: Response) =>
    (name: string): QueryTable | undefined =>
      sobjectTable(ctx, name, userOf(res));
  app.get('/services/data/:version/query', (req, res) =>
    answerQuery(req, res, cursors, resolver(res), { scanAll: false, resource: 'query', urlBase: 'sobjects' }),
  );
  app.get('/services/data/:version/queryAll', (req, res) =>
    answerQuery(req, res, cursors, resolver(res), {
      scanAll: true,
      resource: 'queryAll',
      urlBase: 'sobjects',
    }),
  );
  app.get('/services/data/:version/query/:locator', (req, res) => answerMore(req, res, cursors, 'query'));
  // A long SOQL statement travels in a Composite body instead of the URI (which, with the headers, is
  // capped at 16,384 bytes): https://help.salesforce.com/s/articleView?id=000386264&type=1
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite.htm
  app.post('/services/data/:version/composite', (req, res) => {
    versionOf(req);
    const b = parseBody(req, CompositeBody, badRequest);
    const compositeResponse = b.compositeRequest.map((sub) => {
      try {
        return {
          body: subrequestQuery(sub, cursors, resolver(res)),
          httpHeaders: {},
          httpStatusCode: 200,
          referenceId: sub.referenceId,
        };
      } catch (err) {
        if (!(err instanceof SandboxHttpError)) throw err;
        return { body: err.body, httpHeaders: {}, httpStatusCode: err.status, referenceId: sub.referenceId };
      }
    });
    res.json({ compositeResponse });
  });
  app.get('/services/data/:version/queryAll/:locator', (req, res) =>
    answerMore(req, res, cursors, 'queryAll'),
  );
}
