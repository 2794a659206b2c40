import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute } from './admin-route.js';
import { ConnectionParams, NoQuery, VersionList } from './admin-schemas.js';

/** GET /admin/connections/:id/mapping/versions — every stored version (without its text), oldest first. */
export const getMappingVersions = defineAdminRoute({
  method: 'get',
  path: '/connections/:id/mapping/versions',
  summary: 'List stored mapping versions',
  scope: 'any',
  params: ConnectionParams,
  query: NoQuery,
  response: VersionList,
  errors: [404],
  async handle({ params }, deps) {
    connectionOrThrow(deps, params.id);
    const [active, versions] = await Promise.all([
      deps.mappings.activeVersion(params.id),
      deps.mappings.list(params.id),
    ]);
    return { active, versions: versions.map((v) => ({ ...v, active: v.version === active })) };
  },
});
