import { AdminConflictError } from '../../core/errors/index.js';
import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute } from './admin-route.js';
import { ConnectionParams, NoQuery, SwitchResponse } from './admin-schemas.js';

/** POST /admin/connections/:id/mapping/rollback — back to the previously active version (or the file). */
export const postMappingRollback = defineAdminRoute({
  method: 'post',
  path: '/connections/:id/mapping/rollback',
  summary: 'Roll back to the previously active mapping version',
  description:
    'Rolling back the first activated version returns to the connection mapping file (version null).',
  scope: 'any',
  params: ConnectionParams,
  query: NoQuery,
  response: SwitchResponse,
  errors: [404, 409],
  async handle({ params, actor }, deps) {
    connectionOrThrow(deps, params.id);
    const result = await deps.mappings.rollback(params.id, actor.identity);
    if (!result.ok || result.entry === null)
      throw new AdminConflictError(`connection ${params.id} has no earlier active mapping to roll back to`);
    deps.log.info(
      { connection: params.id, from: result.entry.from, to: result.entry.to, actor: actor.identity },
      'mapping rolled back',
    );
    return { active: result.entry.to, audit: result.entry };
  },
});
