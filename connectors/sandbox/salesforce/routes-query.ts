import { randomBytes } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import { sfError } from './errors.js';
import { param, userOf, versionOf, type SfContext } from './context.js';
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
function batchSizeOf(req: Request): number {
  const m = /batchSize=(\d+)/i.exec(req.get('sforce-query-options') ?? '');
  return m ? Math.min(2000, Math.max(200, Number(m[1]))) : 2000;
}

function page(
  res: Response,
  version: string,
  resource: string,
  id: string,
  cursor: Cursor,
  offset: number,
): void {
  const end = Math.min(cursor.records.length, offset + cursor.batchSize);
  const done = end >= cursor.records.length;
  res.json({
    totalSize: cursor.records.length,
    done,
    ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/${resource}/${id}-${end}` }),
    records: cursor.records.slice(offset, end),
  });
}

/** Runs a query (REST or Tooling) and answers the first page. */
export function answerQuery(
  req: Request,
  res: Response,
  cursors: QueryCursors,
  resolve: (name: string) => QueryTable | undefined,
  opts: { scanAll: boolean; resource: string; urlBase: string },
): void {
  const version = versionOf(req);
  const q = req.query['q'];
  if (typeof q !== 'string' || q.trim() === '')
    throw sfError(400, 'MALFORMED_QUERY', 'A query string must be provided.');
  const result = runSoql(q, resolve, opts.scanAll);
  if (result.count) {
    res.json({ totalSize: result.rows.length, done: true, records: [] });
    return;
  }
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
  const cursor: Cursor = { records, batchSize: batchSizeOf(req), scanAll: opts.scanAll };
  const id = records.length > cursor.batchSize ? cursors.open(cursor) : '';
  page(res, version, opts.resource, id, cursor, 0);
}

export function answerMore(req: Request, res: Response, cursors: QueryCursors, resource: string): void {
  const version = versionOf(req);
  const m = /^(01g\w+)-(\d+)$/.exec(param(req, 'locator'));
  const cursor = m?.[1] ? cursors.get(m[1]) : undefined;
  if (!m?.[1] || !cursor) throw sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  page(res, version, resource, m[1], cursor, Number(m[2]));
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
  app.get('/services/data/:version/queryAll/:locator', (req, res) =>
    answerMore(req, res, cursors, 'queryAll'),
  );
}
