import { AdminNotFoundError } from '../../core/errors/index.js';
import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute } from './admin-route.js';
import { NoQuery, SwitchResponse, VersionParams } from './admin-schemas.js';

/** POST /admin/connections/:id/mapping/versions/:v/activate — workers use it within seconds. */
export const postMappingVersionActivate = defineAdminRoute({
  method: 'post',
  path: '/connections/:id/mapping/versions/:v/activate',
  summary: 'Activate a stored mapping version',
  scope: 'any',
  params: VersionParams,
  query: NoQuery,
  response: SwitchResponse,
  errors: [404],
  async handle({ params, actor }, deps) {
    connectionOrThrow(deps, params.id);
    const result = await deps.mappings.activate(params.id, params.v, actor.identity);
    if (!result.ok)
      throw new AdminNotFoundError(`connection ${params.id} has no mapping version ${params.v}`);
    deps.log.info(
      { connection: params.id, version: params.v, actor: actor.identity },
      'mapping version activated',
    );
    return { active: params.v, audit: result.entry };
  },
});
