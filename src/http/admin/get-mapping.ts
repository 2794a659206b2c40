import { defineAdminRoute } from './admin-route.js';
import { ActiveMappingResponse, ConnectionParams, NoQuery } from './admin-schemas.js';
import { resolveMapping } from './resolve-mapping.js';

/** GET /admin/connections/:id/mapping — the active mapping (a stored version or the mapping file). */
export const getMapping = defineAdminRoute({
  method: 'get',
  path: '/connections/:id/mapping',
  summary: 'Read the active mapping of a connection',
  scope: 'any',
  params: ConnectionParams,
  query: NoQuery,
  response: ActiveMappingResponse,
  errors: [404],
  async handle({ params }, deps) {
    const r = await resolveMapping(deps, params.id);
    return {
      connection: params.id,
      version: r.version,
      source: r.version === null ? ('file' as const) : ('store' as const),
      mapping: r.mapping,
      text: r.text,
    };
  },
});
