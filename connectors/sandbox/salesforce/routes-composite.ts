import type { Express, Response } from 'express';
import { z } from 'zod';
import { parseBody } from '../http-app.js';
import { actorOf, badRequest, objectOf, param, versionOf, type SfContext } from './context.js';
import {
  deleteRecord,
  insertRecord,
  runCollection,
  updateRecord,
  upsertRecord,
  type SaveResult,
} from './dml.js';
import { sfError } from './errors.js';
import { to18 } from './ids.js';
import { findField } from './schema.js';

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm
const MAX_RECORDS = 200;
const SObjectInput = z.looseObject({ attributes: z.looseObject({ type: z.string().optional() }).optional() });
const CollectionBody = z.object({ allOrNone: z.boolean().optional(), records: z.array(SObjectInput) });
const RetrieveBody = z.object({ ids: z.array(z.string()), fields: z.array(z.string()) });

const tooMany = (): Error =>
  sfError(
    400,
    'EXCEEDED_ID_LIMIT',
    `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
  );
const typeError = (): SaveResult => ({
  success: false,
  errors: [{ statusCode: 'INVALID_TYPE', message: 'Must specify a valid type for the SObject', fields: [] }],
});
const methodNotAllowed = (allowed: string) => () => {
  throw sfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method not allowed. Allowed are ${allowed}`);
};

function body(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([k]) => k !== 'attributes' && k !== 'id' && k !== 'Id'),
  );
}

/** Collections answer per-record results in input order; `id` is present on success. */
function present(results: readonly SaveResult[]): unknown[] {
  return results.map((r) =>
    r.success
      ? { id: r.id, success: true, errors: [], ...(r.created !== undefined ? { created: r.created } : {}) }
      : { success: false, errors: r.errors, ...(r.created !== undefined ? { created: false } : {}) },
  );
}

export function registerCompositeRoutes(app: Express, ctx: SfContext): void {
  const { org } = ctx;
  app.post('/services/data/:version/composite/sobjects', (req, res) => {
    versionOf(req);
    const b = parseBody(req, CollectionBody, badRequest);
    if (b.records.length > MAX_RECORDS) throw tooMany();
    const actor = actorOf(req, res);
    const results = runCollection(b.records, b.allOrNone ?? false, (r, commit) => {
      const obj = org.apiObject(r.attributes?.type ?? '', actor.userId);
      return obj ? insertRecord(org, obj, body(r), actor, commit) : typeError();
    });
    res.json(present(results));
  });
  app.patch('/services/data/:version/composite/sobjects', (req, res) => {
    versionOf(req);
    const b = parseBody(req, CollectionBody, badRequest);
    if (b.records.length > MAX_RECORDS) throw tooMany();
    const actor = actorOf(req, res);
    const results = runCollection(b.records, b.allOrNone ?? false, (r, commit) => {
      const obj = org.apiObject(r.attributes?.type ?? '', actor.userId);
      return obj ? updateRecord(org, obj, r['id'] ?? r['Id'], body(r), actor, commit) : typeError();
    });
    res.json(present(results));
  });
  app.delete('/services/data/:version/composite/sobjects', (req, res) => {
    versionOf(req);
    const ids =
      typeof req.query['ids'] === 'string' ? req.query['ids'].split(',').filter((s) => s !== '') : [];
    if (ids.length === 0) throw sfError(400, 'MISSING_ARGUMENT', 'ids parameter is required');
    if (ids.length > MAX_RECORDS) throw tooMany();
    const actor = actorOf(req, res);
    res.json(
      present(
        runCollection(ids, req.query['allOrNone'] === 'true', (id, commit) =>
          deleteRecord(org, id, actor, commit),
        ),
      ),
    );
  });
  const retrieve = (
    res: Response,
    version: string,
    sobject: string,
    ids: readonly string[],
    fieldNames: readonly string[],
  ): unknown[] => {
    const obj = objectOf(ctx, sobject, res);
    if (ids.length > 2000) throw tooMany();
    const fields = fieldNames.map(
      (n) =>
        findField(obj, n) ??
        (() => {
          throw sfError(400, 'INVALID_FIELD', `No such column '${n}' on entity '${obj.name}'`);
        })(),
    );
    return ids.map((id) => {
      const rec = org.find(obj, to18(id));
      return rec ? org.toSObject(obj, rec, version, fields) : null;
    });
  };
  app.get('/services/data/:version/composite/sobjects/:sobject', (req, res) => {
    const v = versionOf(req);
    const list = (k: string): string[] => (typeof req.query[k] === 'string' ? req.query[k].split(',') : []);
    res.json(retrieve(res, v, param(req, 'sobject'), list('ids'), list('fields')));
  });
  app.post('/services/data/:version/composite/sobjects/:sobject', (req, res) => {
    const v = versionOf(req);
    const b = parseBody(req, RetrieveBody, badRequest);
    res.json(retrieve(res, v, param(req, 'sobject'), b.ids, b.fields));
  });
  app.patch('/services/data/:version/composite/sobjects/:sobject', methodNotAllowed('GET, POST'));
  app.delete('/services/data/:version/composite/sobjects/:sobject', methodNotAllowed('GET, POST'));
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm
  app.patch('/services/data/:version/composite/sobjects/:sobject/:field', (req, res) => {
    versionOf(req);
    const obj = objectOf(ctx, param(req, 'sobject'), res);
    const extField = param(req, 'field');
    const b = parseBody(req, CollectionBody, badRequest);
    if (b.records.length > MAX_RECORDS) throw tooMany();
    const actor = actorOf(req, res);
    const results = runCollection(b.records, b.allOrNone ?? false, (r, commit) => {
      const key = Object.keys(r).find((k) => k.toLowerCase() === extField.toLowerCase());
      const value = key === undefined ? undefined : r[key];
      if (typeof value !== 'string' && typeof value !== 'number') {
        return {
          success: false,
          errors: [{ statusCode: 'MISSING_ARGUMENT', message: `${extField} not specified`, fields: [] }],
          created: false,
        };
      }
      const out = upsertRecord(org, obj, extField, String(value), body(r), actor, commit);
      return {
        ...(out.id ? { id: out.id } : {}),
        success: out.success,
        errors: out.errors,
        created: out.created ?? false,
      };
    });
    res.json(present(results));
  });
}
