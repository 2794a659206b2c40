import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { AdminForbiddenError, AdminRequestError } from '../../core/errors/index.js';
import type { AdminDeps } from './admin-deps.js';
import { type AdminActor, actorOf, mayAccess } from './require-admin.js';

export type AdminMethod = 'get' | 'put' | 'post';

/** Handlers may return readonly data; the wire format is the same. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export interface AdminRouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly actor: AdminActor;
}

/**
 * One admin endpoint: its zod schemas (checked at the edge and published in /admin/openapi.json) and
 * its handler. Routes with `:id` are limited to the connection a per-connection token belongs to.
 */
export interface AdminRouteSpec<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
> {
  readonly method: AdminMethod;
  /** Express path under /admin, e.g. `/connections/:id/mapping`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  /** `all`: only ADMIN_TOKEN; `any`: any valid token (connection tokens are still kept to their `:id`). */
  readonly scope: 'all' | 'any';
  readonly params: P;
  readonly query: Q;
  /** Omit for routes without a body. */
  readonly body?: B;
  /** Documented body when it differs from what the edge checks (mappings are validated by the engine). */
  readonly bodyDoc?: z.ZodType;
  readonly response: R;
  readonly successStatus?: number;
  /** Error statuses the route can answer besides 400/401/403. */
  readonly errors: readonly number[];
  handle(
    input: AdminRouteInput<z.output<P>, z.output<Q>, z.output<B>>,
    deps: AdminDeps,
  ): Promise<DeepReadonly<z.input<R>>>;
}

/** A route with its types erased, ready to mount and to document. */
export interface AdminRoute {
  readonly method: AdminMethod;
  readonly path: string;
  readonly summary: string;
  readonly description: string | undefined;
  readonly scope: 'all' | 'any';
  readonly schemas: {
    readonly params: z.ZodType;
    readonly query: z.ZodType;
    readonly body: z.ZodType | undefined;
    readonly response: z.ZodType;
  };
  readonly successStatus: number;
  readonly errors: readonly number[];
  handler(deps: AdminDeps): RequestHandler;
  /**
   * The same parsing and handler without HTTP, for the admin console: it changes state only through
   * these routes, so a console action and an API call can never differ.
   */
  invoke(input: AdminInvocation, deps: AdminDeps): Promise<unknown>;
}

/** Raw route input as the console has it (checked by the route's own schemas). */
export interface AdminInvocation {
  readonly params?: unknown;
  readonly query?: unknown;
  readonly body?: unknown;
  readonly actor: AdminActor;
}

function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw new AdminRequestError(`invalid request ${where}`, { issues });
}

export function defineAdminRoute<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
>(spec: AdminRouteSpec<P, Q, B, R>): AdminRoute {
  const successStatus = spec.successStatus ?? 200;
  return {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: spec.description,
    scope: spec.scope,
    schemas: {
      params: spec.params,
      query: spec.query,
      body: spec.bodyDoc ?? spec.body,
      response: spec.response,
    },
    successStatus,
    errors: spec.errors,
    invoke: async (input, deps) => {
      // The router's token middleware does this for HTTP callers; in process it is checked here.
      if (spec.scope === 'all' && input.actor.scope !== 'all')
        throw new AdminForbiddenError('this route needs the all-connections admin token');
      const raw: unknown = input.params ?? {};
      const id = typeof raw === 'object' && raw !== null && 'id' in raw ? raw.id : undefined;
      if (spec.path.includes(':id') && (typeof id !== 'string' || !mayAccess(input.actor, id)))
        throw new AdminForbiddenError(`this token does not grant access to connection ${String(id)}`);
      const params = parseOr400(spec.params, input.params ?? {}, 'params');
      const query = parseOr400(spec.query, input.query ?? {}, 'query');
      const body = spec.body === undefined ? undefined : parseOr400(spec.body, input.body, 'body');
      return spec.handle({ params, query, body: body as z.output<B>, actor: input.actor }, deps);
    },
    handler: (deps) => async (req, res) => {
      const params = parseOr400(spec.params, req.params, 'params');
      const query = parseOr400(spec.query, req.query, 'query');
      const body = spec.body === undefined ? undefined : parseOr400(spec.body, req.body, 'body');
      const result = await spec.handle(
        { params, query, body: body as z.output<B>, actor: actorOf(res) },
        deps,
      );
      res.status(successStatus).json(result);
    },
  };
}
