import { OBJECT_PREFIXES } from './api-versions.js';
import type { Express } from 'express';
import { z } from 'zod';
import { parseBody } from '../http-app.js';
import { actorOf, failureError, invalidInput, listParam, typeOf, type HsContext } from './context.js';
import { objectNotFound } from './errors.js';
import { mergeRecords } from './merge.js';
import { createOne, readId, resolveId, updateOne } from './write.js';

const Props = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const CreateBody = z.object({ properties: Props, associations: z.array(z.unknown()).optional() });
const UpdateBody = z.object({ properties: Props });
const MergeBody = z.object({ primaryObjectId: z.string(), objectIdToMerge: z.string() });
const GdprBody = z.object({ objectId: z.string(), idProperty: z.string().optional() });

// https://developers.hubspot.com/docs/api/crm/understanding-the-crm (objects v3)
export function registerObjectRoutes(app: Express, ctx: HsContext): void {
  for (const prefix of OBJECT_PREFIXES) registerObjectRoutesAt(app, ctx, `${prefix}/:objectType`);
}

function registerObjectRoutesAt(app: Express, ctx: HsContext, base: string): void {
  const { portal } = ctx;

  app.get(base, (req, res) => {
    const t = typeOf(ctx, req);
    const limit = Math.min(100, Math.max(1, Number(req.query['limit'] ?? 10) || 10));
    const archived = req.query['archived'] === 'true';
    const after = Number(req.query['after'] ?? 0) || 0;
    const wanted = listParam(req, 'properties');
    const rows = portal.store
      .list(t.name, true)
      .filter((r) => (r.deletedAt !== null) === archived)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .filter((r) => Number(r.id) > after);
    const pageRows = rows.slice(0, limit);
    const last = pageRows[pageRows.length - 1];
    res.json({
      results: pageRows.map((r) => portal.toJson(t, r, wanted)),
      ...(rows.length > limit && last
        ? { paging: { next: { after: last.id, link: `?after=${last.id}` } } }
        : {}),
    });
  });
  app.get(`${base}/:objectId`, (req, res) => {
    const t = typeOf(ctx, req);
    const id = req.params['objectId'];
    const idProperty = typeof req.query['idProperty'] === 'string' ? req.query['idProperty'] : undefined;
    const rec =
      req.query['archived'] === 'true' ? portal.store.getAny(t.name, id) : readId(portal, t, id, idProperty);
    if (!rec) throw objectNotFound(id);
    res.json(portal.toJson(t, rec, listParam(req, 'properties')));
  });
  app.post(base, (req, res) => {
    const t = typeOf(ctx, req);
    const b = parseBody(req, CreateBody, invalidInput);
    const out = createOne(portal, t, b.properties, actorOf(res));
    if (!out.ok) throw failureError(out);
    res.status(201).json(portal.toJson(t, out.record, Object.keys(b.properties).concat(t.defaultProperties)));
  });
  app.patch(`${base}/:objectId`, (req, res) => {
    const t = typeOf(ctx, req);
    const b = parseBody(req, UpdateBody, invalidInput);
    const idProperty = typeof req.query['idProperty'] === 'string' ? req.query['idProperty'] : undefined;
    const out = updateOne(portal, t, req.params['objectId'], idProperty, b.properties, actorOf(res));
    if (!out.ok) throw failureError(out);
    res.json(portal.toJson(t, out.record, Object.keys(b.properties).concat(t.defaultProperties)));
  });
  app.delete(`${base}/:objectId`, (req, res) => {
    const t = typeOf(ctx, req);
    portal.store.softDelete(t.name, req.params['objectId'], actorOf(res));
    res.status(204).end();
  });

  // https://developers.hubspot.com/docs/api/crm/contacts (merge, GDPR delete)
  app.post(`${base}/merge`, (req, res) => {
    const t = typeOf(ctx, req);
    const b = parseBody(req, MergeBody, invalidInput);
    res.json(portal.toJson(t, mergeRecords(portal, ctx.associations, t, b, actorOf(res)), null));
  });
  app.post(`${base}/gdpr-delete`, (req, res) => {
    const t = typeOf(ctx, req);
    const b = parseBody(req, GdprBody, invalidInput);
    const rec = resolveId(portal, t, b.objectId, b.idProperty) ?? portal.store.getAny(t.name, b.objectId);
    if (!rec) throw objectNotFound(b.objectId);
    ctx.associations.removeAll(t.name, rec.id);
    portal.store.purge(t.name, rec.id, actorOf(res));
    res.status(204).end();
  });
}
