import type { Express } from 'express';
import { z } from 'zod';
import { parseBody } from '../http-app.js';
import {
  actorOf,
  asRecord,
  badRequest,
  objectOf,
  param,
  userOf,
  versionOf,
  type SfContext,
} from './context.js';
import { describeGlobalEntry, describeObject } from './describe.js';
import { deleteRecord, insertRecord, updateRecord, upsertRecord } from './dml.js';
import { notFound, sfError, sfErrors } from './errors.js';
import { to18 } from './ids.js';
import { sfDateTime } from './org.js';
import { findField } from './schema.js';

const SObjectBody = z.record(z.string(), z.unknown());

function dateRange(q: unknown, start: unknown): [number, number] {
  const s = typeof q === 'string' ? Date.parse(q) : Number.NaN;
  const e = typeof start === 'string' ? Date.parse(start) : Number.NaN;
  if (Number.isNaN(s) || Number.isNaN(e))
    throw sfError(400, 'INVALID_REPLICATION_DATE', 'start and end must be valid dateTime values');
  return [s, e];
}

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_basic_info.htm
export function registerSObjectRoutes(app: Express, ctx: SfContext): void {
  const { org } = ctx;
  app.get('/services/data/:version/sobjects', (req, res) => {
    const v = versionOf(req);
    res.json({
      encoding: 'UTF-8',
      maxBatchSize: 200,
      // Objects the caller has no permission on are not listed.
      sobjects: org
        .allObjects()
        .filter((o) => org.apiObject(o.name, userOf(res)) !== undefined)
        .map((o) => describeGlobalEntry(v, o)),
    });
  });
  app.get('/services/data/:version/sobjects/:sobject', (req, res) => {
    const v = versionOf(req);
    res.json({
      objectDescribe: describeGlobalEntry(v, objectOf(ctx, param(req, 'sobject'), res)),
      recentItems: [],
    });
  });
  app.get('/services/data/:version/sobjects/:sobject/describe', (req, res) => {
    res.json(describeObject(versionOf(req), objectOf(ctx, param(req, 'sobject'), res)));
  });
  app.get('/services/data/:version/sobjects/:sobject/updated', (req, res) => {
    versionOf(req);
    const obj = objectOf(ctx, param(req, 'sobject'), res);
    const [s, e] = dateRange(req.query['start'], req.query['end']);
    const ids = org.store
      .list(obj.name)
      .filter((r) => r.updatedAt >= s && r.updatedAt < e)
      .map((r) => r.id);
    res.json({ ids, latestDateCovered: sfDateTime(Math.min(e, org.now())) });
  });
  app.get('/services/data/:version/sobjects/:sobject/deleted', (req, res) => {
    versionOf(req);
    const obj = objectOf(ctx, param(req, 'sobject'), res);
    const [s, e] = dateRange(req.query['start'], req.query['end']);
    const deleted = org.store
      .list(obj.name, true)
      .filter((r) => r.deletedAt !== null && r.deletedAt >= s && r.deletedAt < e);
    res.json({
      deletedRecords: deleted.map((r) => ({ id: r.id, deletedDate: sfDateTime(r.deletedAt ?? 0) })),
      earliestDateAvailable: sfDateTime(0),
      latestDateCovered: sfDateTime(Math.min(e, org.now())),
    });
  });
  app.post('/services/data/:version/sobjects/:sobject', (req, res) => {
    versionOf(req);
    const obj = objectOf(ctx, param(req, 'sobject'), res);
    const body = parseBody(req, SObjectBody, badRequest);
    const r = insertRecord(org, obj, body, actorOf(req, res));
    if (!r.success) throw sfErrors(400, r.errors);
    res.status(201).json({ id: r.id, success: true, errors: [] });
  });
  app.get('/services/data/:version/sobjects/:sobject/:id', (req, res) => {
    const v = versionOf(req);
    const obj = objectOf(ctx, param(req, 'sobject'), res);
    const rec = org.find(obj, to18(param(req, 'id')));
    if (!rec) throw notFound();
    const wanted = typeof req.query['fields'] === 'string' ? req.query['fields'].split(',') : null;
    const fields = wanted?.map(
      (n) =>
        findField(obj, n.trim()) ??
        (() => {
          throw sfError(400, 'INVALID_FIELD', `No such column '${n}' on sobject of type ${obj.name}`);
        })(),
    );
    res.json(org.toSObject(obj, rec, v, fields));
  });
  app.patch('/services/data/:version/sobjects/:sobject/:id', (req, res) => {
    versionOf(req);
    const obj = objectOf(ctx, param(req, 'sobject'), res);
    const body = parseBody(req, SObjectBody, badRequest);
    const r = updateRecord(org, obj, param(req, 'id'), body, actorOf(req, res));
    if (!r.success)
      throw r.errors[0]?.statusCode === 'INVALID_CROSS_REFERENCE_KEY' ? notFound() : sfErrors(400, r.errors);
    res.status(204).end();
  });
  app.delete('/services/data/:version/sobjects/:sobject/:id', (req, res) => {
    versionOf(req);
    objectOf(ctx, param(req, 'sobject'), res);
    const r = deleteRecord(org, param(req, 'id'), actorOf(req, res));
    if (!r.success)
      throw r.errors[0]?.statusCode === 'ENTITY_IS_DELETED' ? sfErrors(404, r.errors) : notFound();
    res.status(204).end();
  });
  // https://developer.salesforce.com/docs/platform/api-rest/guide/dome-upsert.html
  app.get('/services/data/:version/sobjects/:sobject/:field/:value', (req, res) => {
    const v = versionOf(req);
    const obj = objectOf(ctx, param(req, 'sobject'), res);
    const f = findField(obj, param(req, 'field'));
    const value = param(req, 'value').toLowerCase();
    const matches = f
      ? org.store.list(obj.name).filter((r) => String(r.fields[f.name] ?? '').toLowerCase() === value)
      : [];
    const first = matches[0];
    if (!first) throw notFound();
    if (matches.length > 1) {
      res.status(300).json(matches.map((r) => `/services/data/${v}/sobjects/${obj.name}/${r.id}`));
      return;
    }
    res.json(org.toSObject(obj, first, v));
  });
  app.patch('/services/data/:version/sobjects/:sobject/:field/:value', (req, res) => {
    const v = versionOf(req);
    const obj = objectOf(ctx, param(req, 'sobject'), res);
    const body = asRecord(parseBody(req, SObjectBody, badRequest));
    const r = upsertRecord(org, obj, param(req, 'field'), param(req, 'value'), body, actorOf(req, res));
    if (r.multiple) {
      res.status(300).json(r.multiple.map((id) => `/services/data/${v}/sobjects/${obj.name}/${id}`));
      return;
    }
    if (!r.success)
      throw r.errors[0]?.statusCode === 'NOT_FOUND' ? sfErrors(404, r.errors) : sfErrors(400, r.errors);
    res
      .status(r.created ? 201 : 200)
      .json({ id: r.id, success: true, errors: [], created: r.created === true });
  });
}
