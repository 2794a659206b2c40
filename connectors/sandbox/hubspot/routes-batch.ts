import { OBJECT_PREFIXES } from './api-versions.js';
import type { Express, Response } from 'express';
import { z } from 'zod';
import { parseBody } from '../http-app.js';
import { actorOf, invalidInput, typeOf, type HsContext } from './context.js';
import { hsError } from './errors.js';
import { createRng, type Rng } from '../rng.js';
import type { HsObjectType } from './schema.js';
import {
  checkUpdate,
  checkUpsert,
  createOne,
  notFoundFailure,
  readId,
  updateOne,
  upsertOne,
  type HsFailure,
  type HsOutcome,
} from './write.js';

// https://developers.hubspot.com/docs/api/crm/contacts (batch endpoints; 100 inputs max)
const MAX_INPUTS = 100;
const Props = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const ReadBody = z.object({
  inputs: z.array(z.object({ id: z.string() })),
  properties: z.array(z.string()).optional(),
  idProperty: z.string().optional(),
  propertiesWithHistory: z.array(z.string()).optional(),
});
const CreateBody = z.object({
  inputs: z.array(
    z.object({
      properties: Props,
      associations: z.array(z.unknown()).optional(),
      objectWriteTraceId: z.string().optional(),
    }),
  ),
});
const UpdateBody = z.object({
  inputs: z.array(
    z.object({
      id: z.string(),
      idProperty: z.string().optional(),
      properties: Props,
      objectWriteTraceId: z.string().optional(),
    }),
  ),
});
const UpsertBody = z.object({
  inputs: z.array(
    z.object({
      id: z.string(),
      idProperty: z.string(),
      properties: Props,
      objectWriteTraceId: z.string().optional(),
    }),
  ),
});
const batchOrder = createRng(0x5eed);
const ArchiveBody = z.object({ inputs: z.array(z.object({ id: z.string() })) });

function checkSize(n: number): void {
  if (n > MAX_INPUTS)
    throw hsError(
      400,
      'VALIDATION_ERROR',
      `Batch input size ${n} exceeds the limit of ${MAX_INPUTS} inputs.`,
      { context: { inputs: [String(n)] } },
    );
}

/** In place: HubSpot returns batch results in no particular order (HubSpot/hubspot-api-nodejs#190). */
function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    const a = items[i];
    const b = items[j];
    if (a === undefined || b === undefined) continue;
    items[i] = b;
    items[j] = a;
  }
  return items;
}

/**
 * Multi-status needs an `objectWriteTraceId` on every input: without them, the first invalid input
 * fails the whole batch with that input's 4xx and nothing is written.
 * https://developers.hubspot.com/docs/api-reference/error-handling ("207 … when you've enabled
 * multi-status error handling"); https://github.com/Atlas-Authority/marketing-automation/issues/174
 */
function untraced(inputs: readonly { objectWriteTraceId?: string | undefined }[]): boolean {
  return inputs.length > 0 && !inputs.every((i) => i.objectWriteTraceId !== undefined);
}

function failWhole(f: HsFailure): never {
  throw hsError(f.status, String(f.error['category']), String(f.error['message']), {
    context: f.error['context'],
  });
}

/** 200/201 when all inputs succeed, 207 multi-status listing per-input errors otherwise. */
function answer(
  res: Response,
  okStatus: number,
  results: readonly Record<string, unknown>[],
  failures: readonly (HsFailure & { traceId?: string | undefined })[],
  started: string,
): void {
  const body = {
    status: 'COMPLETE',
    results: shuffle([...results], batchOrder),
    ...(failures.length > 0
      ? {
          numErrors: failures.length,
          errors: failures.map((f) => ({
            ...f.error,
            context: {
              ...(f.error['context'] as object),
              ...(f.traceId ? { objectWriteTraceId: [f.traceId] } : {}),
            },
          })),
        }
      : {}),
    startedAt: started,
    completedAt: new Date().toISOString(),
  };
  res.status(failures.length > 0 ? 207 : okStatus).json(body);
}

function split(
  t: HsObjectType,
  portal: HsContext['portal'],
  outcomes: readonly (HsOutcome & { traceId?: string | undefined })[],
  wanted: (o: HsOutcome) => readonly string[],
  withNew: boolean,
) {
  const results: Record<string, unknown>[] = [];
  const failures: (HsFailure & { traceId?: string | undefined })[] = [];
  for (const o of outcomes) {
    if (o.ok)
      results.push({
        ...portal.toJson(t, o.record, wanted(o)),
        ...(withNew ? { new: o.isNew } : {}),
        ...(o.traceId ? { objectWriteTraceId: o.traceId } : {}),
      });
    else failures.push(o);
  }
  return { results, failures };
}

export function registerBatchRoutes(app: Express, ctx: HsContext): void {
  for (const prefix of OBJECT_PREFIXES) registerBatchRoutesAt(app, ctx, `${prefix}/:objectType/batch`);
}

function registerBatchRoutesAt(app: Express, ctx: HsContext, base: string): void {
  const { portal } = ctx;

  app.post(`${base}/read`, (req, res) => {
    const started = new Date().toISOString();
    const t = typeOf(ctx, req);
    const b = parseBody(req, ReadBody, invalidInput);
    checkSize(b.inputs.length);
    const archived = req.query['archived'] === 'true';
    const outcomes = b.inputs.map(({ id }): HsOutcome => {
      const rec = archived ? portal.store.getAny(t.name, id) : readId(portal, t, id, b.idProperty);
      return rec ? { ok: true, record: rec, isNew: false } : notFoundFailure(t, id);
    });
    const { results, failures } = split(
      t,
      portal,
      outcomes,
      () => b.properties ?? t.defaultProperties,
      false,
    );
    answer(res, 200, results, failures, started);
  });

  app.post(`${base}/create`, (req, res) => {
    const started = new Date().toISOString();
    const t = typeOf(ctx, req);
    const b = parseBody(req, CreateBody, invalidInput);
    checkSize(b.inputs.length);
    const actor = actorOf(res);
    if (untraced(b.inputs)) {
      const firstBad = b.inputs
        .map((i) => createOne(portal, t, i.properties, actor, false))
        .find((o) => !o.ok);
      if (firstBad && !firstBad.ok) failWhole(firstBad);
    }
    const outcomes = b.inputs.map((i) => ({
      ...createOne(portal, t, i.properties, actor),
      traceId: i.objectWriteTraceId,
    }));
    const { results, failures } = split(
      t,
      portal,
      outcomes,
      (o) => (o.ok ? [...Object.keys(o.record.fields), ...t.defaultProperties] : []),
      false,
    );
    answer(res, 201, results, failures, started);
  });

  app.post(`${base}/update`, (req, res) => {
    const started = new Date().toISOString();
    const t = typeOf(ctx, req);
    const b = parseBody(req, UpdateBody, invalidInput);
    checkSize(b.inputs.length);
    const actor = actorOf(res);
    // Ids that do not exist stay per-record (200/207) even without trace ids; invalid values do not.
    // https://developers.hubspot.com/changelog/simplifying-batch-update-response-codes-for-crm-v3-apis
    if (untraced(b.inputs)) {
      const firstBad = b.inputs
        .map((i) => checkUpdate(portal, t, i.id, i.idProperty, i.properties))
        .find((o) => o !== undefined);
      if (firstBad) failWhole(firstBad);
    }
    const outcomes = b.inputs.map((i) => ({
      ...updateOne(portal, t, i.id, i.idProperty, i.properties, actor),
      traceId: i.objectWriteTraceId,
    }));
    const props = new Map(b.inputs.map((i) => [i.id, Object.keys(i.properties)]));
    const { results, failures } = split(
      t,
      portal,
      outcomes,
      (o) => (o.ok ? [...(props.get(o.record.id) ?? []), ...t.defaultProperties] : []),
      false,
    );
    answer(res, 200, results, failures, started);
  });

  app.post(`${base}/upsert`, (req, res) => {
    const started = new Date().toISOString();
    const t = typeOf(ctx, req);
    const b = parseBody(req, UpsertBody, invalidInput);
    checkSize(b.inputs.length);
    const actor = actorOf(res);
    if (untraced(b.inputs)) {
      const firstBad = b.inputs
        .map((i) => checkUpsert(portal, t, i.id, i.idProperty, i.properties))
        .find((o) => o !== undefined);
      if (firstBad) failWhole(firstBad);
    }
    const outcomes = b.inputs.map((i) => ({
      ...upsertOne(portal, t, i.id, i.idProperty, i.properties, actor),
      traceId: i.objectWriteTraceId,
    }));
    const { results, failures } = split(
      t,
      portal,
      outcomes,
      (o) => (o.ok ? [...Object.keys(o.record.fields), ...t.defaultProperties] : []),
      true,
    );
    // Per the docs, partial upserts are not supported when idProperty is email.
    const firstFailure = failures[0];
    if (firstFailure && b.inputs.some((i) => i.idProperty === 'email'))
      throw hsError(
        firstFailure.status,
        String(firstFailure.error['category']),
        String(firstFailure.error['message']),
      );
    answer(res, 200, results, failures, started);
  });

  app.post(`${base}/archive`, (req, res) => {
    const t = typeOf(ctx, req);
    const b = parseBody(req, ArchiveBody, invalidInput);
    checkSize(b.inputs.length);
    const actor = actorOf(res);
    for (const { id } of b.inputs) portal.store.softDelete(t.name, id, actor);
    res.status(204).end();
  });
}
