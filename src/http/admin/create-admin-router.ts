import { Router } from 'express';
import { jsonBody } from '../json-body.js';
import type { AdminDeps } from './admin-deps.js';
import type { AdminRoute } from './admin-route.js';
import { getConnections } from './get-connections.js';
import { getMapping } from './get-mapping.js';
import { getMappingAudit } from './get-mapping-audit.js';
import { getMappingVersions } from './get-mapping-versions.js';
import { getOpenApi } from './get-openapi.js';
import { getRejections } from './get-rejections.js';
import { postMappingRollback } from './post-mapping-rollback.js';
import { postMappingVersionActivate } from './post-mapping-version-activate.js';
import { postPreview } from './post-preview.js';
import { putMapping } from './put-mapping.js';
import { queueDashboard } from './queue-dashboard.js';
import { requireAdmin, requireConnectionAccess } from './require-admin.js';

/** The built-in admin endpoints (/admin/openapi.json is added by the router). */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  getConnections,
  getMapping,
  putMapping,
  getMappingVersions,
  postMappingVersionActivate,
  postMappingRollback,
  getMappingAudit,
  postPreview,
  getRejections,
];

export interface AdminRouterOptions {
  /** Public path the router is mounted at (bull-board links its assets under it). Default `/admin`. */
  readonly mountPath?: string;
  /**
   * Extension point: more endpoints, built with `defineAdminRoute` (e.g.
   * `GET /connections/:id/explain/:object/:recordId`). They get the same token checks (a path with
   * `:id` is kept to the token's connection), zod parsing, JSON errors and an /admin/openapi.json entry.
   */
  readonly extraRoutes?: readonly AdminRoute[];
  /** Largest accepted JSON body (BODY_LIMIT_BYTES). Default 1 MiB. */
  readonly bodyLimitBytes?: number;
}

/** Admin bodies are mappings and small requests: a mapping nests about ten levels. */
export const ADMIN_JSON_STRUCTURE = { maxDepth: 32, maxValues: 50_000 } as const;

/**
 * The /admin router: bearer-token auth on every route, one handler per endpoint, the OpenAPI document
 * and (when queues are given) the bull-board dashboard at /queues for the all-connections token only.
 * Bodies are parsed only once the token is accepted (`jsonBody`); errors go to the app's JSON error
 * handler.
 */
export function createAdminRouter(deps: AdminDeps, options: AdminRouterOptions = {}): Router {
  const mountPath = options.mountPath ?? '/admin';
  const router = Router();
  const routes: AdminRoute[] = [...ADMIN_ROUTES, ...(options.extraRoutes ?? [])];
  routes.push(getOpenApi(() => routes));

  if (deps.queues.length > 0) {
    router.use(
      '/queues',
      requireAdmin(deps.tokens, { scope: 'all', basic: true }),
      queueDashboard(deps.queues, `${mountPath}/queues`),
    );
  }
  const anyToken = requireAdmin(deps.tokens, { scope: 'any' });
  const allToken = requireAdmin(deps.tokens, { scope: 'all' });
  const connectionAccess = requireConnectionAccess();
  const body = jsonBody({
    limitBytes: options.bodyLimitBytes ?? 1_048_576,
    structure: ADMIN_JSON_STRUCTURE,
  });
  for (const route of routes) {
    const handlers = [route.scope === 'all' ? allToken : anyToken];
    if (route.path.includes(':id')) handlers.push(connectionAccess);
    if (route.schemas.body !== undefined) handlers.push(...body);
    router[route.method](route.path, ...handlers, route.handler(deps));
  }
  // Unknown /admin paths still need a token, so they reveal nothing about what exists.
  router.use(anyToken);
  return router;
}
