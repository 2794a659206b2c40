import { Router } from 'express';
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
}

/**
 * The /admin router: bearer-token auth on every route, one handler per endpoint, the OpenAPI document
 * and (when queues are given) the bull-board dashboard at /queues for the all-connections token only.
 * Mount it after `express.json()`; errors go to the app's JSON error handler.
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
  for (const route of routes) {
    const handlers = [route.scope === 'all' ? allToken : anyToken];
    if (route.path.includes(':id')) handlers.push(connectionAccess);
    router[route.method](route.path, ...handlers, route.handler(deps));
  }
  // Unknown /admin paths still need a token, so they reveal nothing about what exists.
  router.use(anyToken);
  return router;
}
