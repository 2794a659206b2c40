import { ASSOCIATION_PREFIXES, RECORD_ASSOCIATION_PREFIXES } from './api-versions.js';
import type { Express, Request } from 'express';
import { z } from 'zod';
import { parseBody } from '../http-app.js';
import type { AssociationType } from './associations.js';
import { actorOf, invalidInput, typeOf, type HsContext } from './context.js';
import { hsError, objectNotFound } from './errors.js';
import { STANDARD_TYPE_IDS } from './schema.js';

// https://developers.hubspot.com/docs/api/crm/associations (v4)
const Spec = z.object({
  associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED', 'WORK']),
  associationTypeId: z.number().int(),
});
const BatchCreate = z.object({
  inputs: z.array(
    z.object({ from: z.object({ id: z.string() }), to: z.object({ id: z.string() }), types: z.array(Spec) }),
  ),
});
const BatchRead = z.object({ inputs: z.array(z.object({ id: z.string(), after: z.string().optional() })) });
const BatchArchive = z.object({
  inputs: z.array(
    z.object({ from: z.object({ id: z.string() }), to: z.array(z.object({ id: z.string() })) }),
  ),
});
/** Associations batch read takes at most 1,000 ids since 2025-02-10. */
const MAX_READ_INPUTS = 1_000;
const LabelCreate = z.object({ label: z.string(), name: z.string(), inverseLabel: z.string().optional() });

const typeJson = (t: AssociationType): Record<string, unknown> => ({
  category: t.category,
  typeId: t.typeId,
  label: t.label,
});

/** A route path typed as a plain string (the prefix varies by API version); its ids are read with `idParam`. */
const route = (path: string): string => path;

/** A path parameter of a matched route (always present, one value). */
const idParam = (req: Request, name: string): string => String(req.params[name] ?? '');

export function registerAssociationRoutes(app: Express, ctx: HsContext): void {
  const { portal, associations } = ctx;
  const pair = (req: Request, a: string, b: string) => ({
    from: typeOf(ctx, req, a),
    to: typeOf(ctx, req, b),
  });
  const typeIdOf = (name: string): string =>
    STANDARD_TYPE_IDS[name] ?? portal.type(name)?.objectTypeId ?? name;
  const resolveSpecs = (
    from: string,
    to: string,
    specs: readonly z.infer<typeof Spec>[],
  ): AssociationType[] =>
    specs.map((s) => {
      const t = associations.resolve(from, to, s.associationCategory, s.associationTypeId);
      if (!t)
        throw hsError(
          400,
          'VALIDATION_ERROR',
          `${s.associationCategory} ${s.associationTypeId} is not a valid association type between ${from} and ${to}`,
        );
      return t;
    });
  const defaultOf = (from: string, to: string): AssociationType => {
    try {
      return associations.defaultType(from, to);
    } catch {
      throw hsError(400, 'VALIDATION_ERROR', `No default association type between ${from} and ${to}`);
    }
  };
  const requireRecord = (type: string, id: string): void => {
    if (!portal.store.get(type, id)) throw objectNotFound(id);
  };

  for (const prefix of RECORD_ASSOCIATION_PREFIXES) {
    const single: string = `${prefix}/:objectType/:objectId/associations`;
    app.put(route(`${single}/default/:toObjectType/:toObjectId`), (req, res) => {
      const { from, to } = pair(req, 'objectType', 'toObjectType');
      const [fromId, toId] = [idParam(req, 'objectId'), idParam(req, 'toObjectId')];
      requireRecord(from.name, fromId);
      requireRecord(to.name, toId);
      const def = defaultOf(from.name, to.name);
      associations.associate(from.name, fromId, to.name, toId, [def], actorOf(res).appId);
      res.json({
        status: 'COMPLETE',
        results: [
          {
            from: { id: fromId },
            to: { id: toId },
            associationSpec: { associationCategory: def.category, associationTypeId: def.typeId },
          },
        ],
        startedAt: new Date().toISOString(),
        completedAt: new Date().toISOString(),
      });
    });
    app.put(route(`${single}/:toObjectType/:toObjectId`), (req, res) => {
      const { from, to } = pair(req, 'objectType', 'toObjectType');
      const [fromId, toId] = [idParam(req, 'objectId'), idParam(req, 'toObjectId')];
      const specs = resolveSpecs(from.name, to.name, parseBody(req, z.array(Spec), invalidInput));
      requireRecord(from.name, fromId);
      requireRecord(to.name, toId);
      associations.associate(from.name, fromId, to.name, toId, specs, actorOf(res).appId);
      const all =
        associations.list(from.name, fromId, to.name).find((a) => a.toObjectId === toId)?.associationTypes ??
        [];
      res.status(201).json({
        fromObjectTypeId: typeIdOf(from.name),
        fromObjectId: Number(fromId),
        toObjectTypeId: typeIdOf(to.name),
        toObjectId: Number(toId),
        labels: all.flatMap((t) => (t.label ? [t.label] : [])),
      });
    });
    app.get(route(`${single}/:toObjectType`), (req, res) => {
      const { from, to } = pair(req, 'objectType', 'toObjectType');
      const list = associations.list(from.name, idParam(req, 'objectId'), to.name);
      res.json({
        results: list.map((a) => ({
          toObjectId: Number(a.toObjectId),
          associationTypes: a.associationTypes.map(typeJson),
        })),
      });
    });
    app.delete(route(`${single}/:toObjectType/:toObjectId`), (req, res) => {
      const { from, to } = pair(req, 'objectType', 'toObjectType');
      associations.remove(
        from.name,
        idParam(req, 'objectId'),
        to.name,
        idParam(req, 'toObjectId'),
        actorOf(res).appId,
      );
      res.status(204).end();
    });
  }
  for (const prefix of ASSOCIATION_PREFIXES) {
    const batch: string = `${prefix}/:fromObjectType/:toObjectType`;
    app.post(`${batch}/batch/create`, (req, res) => {
      const started = new Date().toISOString();
      const { from, to } = pair(req, 'fromObjectType', 'toObjectType');
      const b = parseBody(req, BatchCreate, invalidInput);
      const results: unknown[] = [];
      const errors: unknown[] = [];
      for (const i of b.inputs) {
        if (!portal.store.get(from.name, i.from.id) || !portal.store.get(to.name, i.to.id)) {
          errors.push({
            status: 'error',
            category: 'VALIDATION_ERROR',
            message: `One or more objects do not exist: ${i.from.id} -> ${i.to.id}`,
            context: { fromId: [i.from.id], toId: [i.to.id] },
          });
          continue;
        }
        const specs = resolveSpecs(from.name, to.name, i.types);
        associations.associate(from.name, i.from.id, to.name, i.to.id, specs, actorOf(res).appId);
        results.push({
          fromObjectTypeId: typeIdOf(from.name),
          fromObjectId: Number(i.from.id),
          toObjectTypeId: typeIdOf(to.name),
          toObjectId: Number(i.to.id),
          labels: specs.flatMap((t) => (t.label ? [t.label] : [])),
        });
      }
      res.status(errors.length > 0 ? 207 : 201).json({
        status: 'COMPLETE',
        results,
        ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
        startedAt: started,
        completedAt: new Date().toISOString(),
      });
    });
    app.post(`${batch}/batch/read`, (req, res) => {
      const started = new Date().toISOString();
      const { from, to } = pair(req, 'fromObjectType', 'toObjectType');
      const b = parseBody(req, BatchRead, invalidInput);
      // https://developers.hubspot.com/changelog/bug-fix-batch-read-limit-for-hubspot-associations-api
      if (b.inputs.length > MAX_READ_INPUTS)
        throw hsError(
          400,
          'VALIDATION_ERROR',
          `Batch input size ${b.inputs.length} exceeds the limit of ${MAX_READ_INPUTS} inputs.`,
        );
      const results = b.inputs.map((i) => ({
        from: { id: i.id },
        to: associations.list(from.name, i.id, to.name).map((a) => ({
          toObjectId: Number(a.toObjectId),
          associationTypes: a.associationTypes.map(typeJson),
        })),
      }));
      res.json({ status: 'COMPLETE', results, startedAt: started, completedAt: new Date().toISOString() });
    });
    app.post(`${batch}/batch/archive`, (req, res) => {
      const { from, to } = pair(req, 'fromObjectType', 'toObjectType');
      for (const i of parseBody(req, BatchArchive, invalidInput).inputs)
        for (const t of i.to) associations.remove(from.name, i.from.id, to.name, t.id, actorOf(res).appId);
      res.status(204).end();
    });
    app.get(`${batch}/labels`, (req, res) => {
      const { from, to } = pair(req, 'fromObjectType', 'toObjectType');
      res.json({ results: associations.definitions(from.name, to.name).map(typeJson) });
    });
    app.post(`${batch}/labels`, (req, res) => {
      const { from, to } = pair(req, 'fromObjectType', 'toObjectType');
      const b = parseBody(req, LabelCreate, invalidInput);
      if (associations.definitions(from.name, to.name).some((d) => d.label === b.label))
        throw hsError(409, 'OBJECT_ALREADY_EXISTS', `Association label ${b.label} already exists`);
      associations.createLabel(from.name, to.name, b.label, b.inverseLabel);
      res.json({ results: associations.definitions(from.name, to.name).map(typeJson) });
    });
  }
}
