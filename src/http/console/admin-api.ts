import type { z } from 'zod';
import type { AdminDeps } from '../admin/admin-deps.js';
import type { AdminMethod, AdminRoute } from '../admin/admin-route.js';
import type { AdminActor } from '../admin/require-admin.js';

export interface AdminCall {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
}

/**
 * The console's only way to read or change state: the admin API's own routes, run in process with the
 * session's actor (the same token scoping, zod checks and handlers as `/admin/...` over HTTP).
 */
export interface AdminApi {
  call<S extends z.ZodType>(
    actor: AdminActor,
    method: AdminMethod,
    path: string,
    response: S,
    input?: AdminCall,
  ): Promise<z.output<S>>;
  has(method: AdminMethod, path: string): boolean;
}

export function createAdminApi(deps: AdminDeps, routes: readonly AdminRoute[]): AdminApi {
  const byKey = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  return {
    has: (method, path) => byKey.has(`${method} ${path}`),
    async call(actor, method, path, response, input = {}) {
      const route = byKey.get(`${method} ${path}`);
      if (route === undefined) throw new Error(`no admin route ${method.toUpperCase()} ${path}`);
      const result = await route.invoke({ ...input, actor }, deps);
      return response.parse(result);
    },
  };
}
