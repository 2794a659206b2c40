import type { AdminRoute } from './admin-route.js';
import { defineAdminRoute } from './admin-route.js';
import { NoParams, NoQuery, OpenApiDocument } from './admin-schemas.js';
import { buildOpenApi } from './build-openapi.js';

/** GET /admin/openapi.json — built once from the zod schemas of every mounted route (itself included). */
export function getOpenApi(routes: () => readonly AdminRoute[]): AdminRoute {
  let document: Record<string, unknown> | undefined;
  return defineAdminRoute({
    method: 'get',
    path: '/openapi.json',
    summary: 'The OpenAPI 3.1 document of the admin API',
    scope: 'any',
    params: NoParams,
    query: NoQuery,
    response: OpenApiDocument,
    errors: [],
    async handle() {
      document ??= buildOpenApi(routes(), { title: 'partnersync admin API', version: '1' });
      return document;
    },
  });
}
